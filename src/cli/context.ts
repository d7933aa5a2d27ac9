import type { Config } from '../config/config.ts';
import type { NetworkOptions } from '../crawl/crawl.types.ts';
import type { CrawlerOverrides, CrawlerRuntime } from '../crawl/crawler-runtime.ts';
import type { Database } from '../db/database.ts';
import type { MigrationReport } from '../db/migrate.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { JobsRuntime } from '../main/jobs.ts';
import type { Referential } from '../referential/referential.schema.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';
import type { Progress } from './progress.ts';

/** What every command receives from the composition root (src/main/cli.ts). */
export interface CliContext {
  config: Config;
  /** Opens the database and migrates it to the latest schema, once, on first use. */
  database(): Promise<Database>;
  /** What opening the database migrated, once it is open. */
  migrationReport(): MigrationReport | undefined;
  now(): Date;
  out: { line(text?: string): void };
  /** Diagnostics: usage errors, warnings. */
  err: { write(text: string): void };
  progress(): Progress;
  /** Everything piped into the command (a password with --password-stdin). */
  readStdin(): Promise<string>;
  /** Where e-mails go: the outbox directory of the data directory. */
  mailer(): Mailer;
  /** Whether stderr is a terminal (progress bars) or a log (periodic lines). */
  interactive: boolean;
  /** Exit code of the command when it ends without an error (default 0). */
  setExitCode(code: number): void;
  crawlerRuntime(overrides?: CrawlerOverrides): CrawlerRuntime;
  /** Starts the local farm of simulated websites for these targets and says how to reach it. */
  simulatedWeb(targets: AuditTarget[], referential: Referential): Promise<SimulatedWeb>;
  /**
   * The job queue of this installation (pg-boss on a PostgreSQL server, in-process on SQLite) with
   * what its handlers need; `close()` stops it.
   */
  openJobs(options: {
    concurrency: number;
    detectionWorkers: number;
    crawler?: CrawlerOverrides;
  }): Promise<JobsRuntime>;
  /** Starts the public web server on the configured port; logs go to stdout as JSON lines. */
  startWebServer(database: Database): Promise<{ url: string; close(): Promise<void> }>;
}

export interface SimulatedWeb {
  network: Partial<NetworkOptions>;
  close(): Promise<void>;
}
