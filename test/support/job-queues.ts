import type { CrawlerRuntime } from '../../src/crawl/crawler-runtime.ts';
import type { Database } from '../../src/db/database.ts';
import type { Executor } from '../../src/db/transaction.ts';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.ts';
import type { JobKind, JobQueue } from '../../src/jobs/job.types.ts';
import { createPgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { JOB_DEFINITIONS } from '../../src/jobs/registry.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { SERVER_JOB_KINDS } from '../../src/main/jobs.ts';
import { type SendDeps, type SendReport, sendMails } from '../../src/surveys/campaigns.service.ts';
import { type RecordingEnvironment, recordingEnvironment } from './job-environment.ts';

export interface TestJobs {
  queue: JobQueue;
  /** What the handlers got: the e-mails sent (unless `mailer` was given), the jobs they queued. */
  env: RecordingEnvironment;
  close(): Promise<void>;
}

interface TestJobsOptions {
  mailer?: Mailer;
  now?: () => Date;
  /** The crawler that `crawl-site` jobs use (the farm's). */
  runtime?: CrawlerRuntime;
  /** The kinds this queue works: a server's by default; add `crawl-site` to be a worker too. */
  kinds?: readonly JobKind[];
}

function environment(db: Executor, options: TestJobsOptions): RecordingEnvironment {
  return {
    ...recordingEnvironment({ db }, options.runtime ? { runtime: options.runtime } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
}

/**
 * The queue an embedded installation's web server runs (in-process), working the kinds a server
 * runs, with the real definitions and handlers; e-mails go to `mailer` if given.
 */
export async function inProcessTestJobs(db: Executor, options: TestJobsOptions = {}): Promise<TestJobs> {
  const env = environment(db, options);
  const queue = createInProcessQueue(JOB_DEFINITIONS, () => env);
  await queue.work(options.kinds ?? SERVER_JOB_KINDS, { concurrency: 1 });
  return { queue, env, close: () => queue.close() };
}

/**
 * The queue of the test database's installation: pg-boss when it is on the PostgreSQL test
 * server, in-process otherwise (SQLite, PGlite), working the kinds a server runs.
 */
export async function installationTestJobs(
  database: Database,
  options: TestJobsOptions = {},
): Promise<TestJobs> {
  if (database.engine !== 'postgres' || !database.location.startsWith('postgres')) {
    return inProcessTestJobs(database.db, options);
  }
  const env = environment(database.db, options);
  const queue = await createPgBossQueue(JOB_DEFINITIONS, () => env, {
    url: database.location,
    heartbeatSeconds: 10,
    pollingSeconds: 0.2,
  });
  await queue.work(options.kinds ?? SERVER_JOB_KINDS, { concurrency: 1 });
  return { queue, env, close: () => queue.close() };
}

/** Survey e-mails queued as a server or a command queues them, then delivered by their jobs. */
export async function sendAndDeliver(
  db: Executor,
  slug: string,
  mode: 'invitations' | 'reminders',
  deps: Omit<SendDeps, 'enqueue'> & { mailer: Mailer },
): Promise<SendReport> {
  const jobs = await inProcessTestJobs(db, { mailer: deps.mailer });
  try {
    const report = await sendMails(db, slug, mode, {
      ...deps,
      enqueue: (kind, payloads) => jobs.queue.enqueueMany(kind, payloads),
    });
    await jobs.queue.drained();
    return report;
  } finally {
    await jobs.close();
  }
}
