import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from '../cli/context.ts';
import { describeFailure } from '../cli/errors.ts';
import { buildProgram } from '../cli/program.ts';
import { createProgress } from '../cli/progress.ts';
import { loadConfig } from '../config/config.ts';
import type { NetworkOptions } from '../crawl/crawl.types.ts';
import { createCrawlerRuntime } from '../crawl/crawler-runtime.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { type MigrationReport, migrateToLatest } from '../db/migrate.ts';
import { outboxMailer } from '../mail/mailer.ts';
import { createJsonLogger } from '../shared/logger.ts';
import { openJobs } from './jobs.ts';
import { startSimulatedWeb } from './simulated-web.ts';
import { startWebServer } from './web.ts';

function readVersion(): string {
  const { version } = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return version;
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  now?: () => Date;
  /** An open, migrated database owned by the caller (tests): used instead of the configured one, not closed. */
  database?: Database;
  /** Where the crawler of queued jobs connects (bench:scale: the fixture farm in another process). */
  network?: Partial<NetworkOptions>;
}

/** Composition root of the CLI: config, database, output. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let database: Database | undefined;
  try {
    const config = loadConfig(io.env);
    let migrationReport: MigrationReport | undefined;
    let exitCode = 0;
    const ctx: CliContext = {
      config,
      async database() {
        if (io.database) return io.database;
        if (!database) {
          const opened = openDatabase(config);
          migrationReport = await migrateToLatest(opened.db);
          database = opened;
        }
        return database;
      },
      migrationReport: () => migrationReport,
      now: io.now ?? (() => new Date()),
      out: { line: (text = '') => io.stdout.write(`${text}\n`) },
      err: { write: (text) => io.stderr.write(text) },
      progress: () => createProgress(io.stderr as NodeJS.WriteStream),
      async readStdin() {
        const chunks: Buffer[] = [];
        for await (const chunk of io.stdin ?? []) chunks.push(Buffer.from(chunk));
        return Buffer.concat(chunks).toString('utf8');
      },
      mailer: () =>
        outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom, io.now ?? (() => new Date())),
      interactive: Boolean((io.stderr as NodeJS.WriteStream).isTTY),
      setExitCode: (code) => {
        exitCode = code;
      },
      crawlerRuntime: (overrides) => createCrawlerRuntime(config, overrides),
      simulatedWeb: (targets, referential) => startSimulatedWeb(targets, referential),
      openJobs: async ({ crawler, ...options }) =>
        openJobs(
          {
            config,
            database: await ctx.database(),
            now: ctx.now,
            mailer: ctx.mailer(),
            crawlerRuntime: (overrides) =>
              createCrawlerRuntime(config, {
                ...crawler,
                ...overrides,
                network: { ...io.network, ...overrides?.network },
                politeness: { ...crawler?.politeness, ...overrides?.politeness },
              }),
            simulatedWeb: (targets, referential) => startSimulatedWeb(targets, referential),
          },
          options,
        ),
      startWebServer: (opened) =>
        startWebServer({
          config,
          database: opened,
          logger: createJsonLogger(io.stdout),
          version: readVersion(),
        }),
    };
    await buildProgram(ctx, readVersion()).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const failure = describeFailure(error);
    for (const line of failure.lines) io.stderr.write(`${line}\n`);
    return failure.exitCode;
  } finally {
    await database?.close();
  }
}
