import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { MigrationReport } from '../db/migrate.ts';
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
}
