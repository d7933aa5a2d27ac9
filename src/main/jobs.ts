import { findRun } from '../audits/audits.repository.ts';
import { runTargets } from '../audits/campaign.service.ts';
import type { SimulatedWeb } from '../cli/context.ts';
import type { Config } from '../config/config.ts';
import {
  type CrawlerOverrides,
  type CrawlerRuntime,
  createCrawlerRuntime,
} from '../crawl/crawler-runtime.ts';
import type { Database } from '../db/database.ts';
import { findEditionById } from '../editions/editions.service.ts';
import { type HostLock, inProcessHostLock, postgresHostLock } from '../jobs/host-lock.ts';
import { createInProcessQueue } from '../jobs/in-process-queue.ts';
import type { JobEnvironment, JobKind, JobQueue } from '../jobs/job.types.ts';
import { createPgBossQueue } from '../jobs/pg-boss-queue.ts';
import { JOB_DEFINITIONS } from '../jobs/registry.ts';
import type { Mailer } from '../mail/mailer.ts';
import { loadStoredReferential } from '../referential/referential.repository.ts';
import type { Referential } from '../referential/referential.schema.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';
import { startSimulatedWeb } from './simulated-web.ts';

export interface JobsDependencies {
  config: Pick<Config, 'databaseUrl' | 'jobHeartbeatSeconds'>;
  database: Database;
  now: () => Date;
  mailer: Mailer;
  crawlerRuntime(overrides?: CrawlerOverrides): CrawlerRuntime;
  simulatedWeb(targets: AuditTarget[], referential: Referential): Promise<SimulatedWeb>;
}

/**
 * The kinds a web server queues and, in-process, runs itself: the indicators after a review and
 * survey e-mails. Crawls are not among them: an embedded installation runs them from the command
 * that queued them (`barometre crawl --queue`).
 */
export const SERVER_JOB_KINDS: readonly JobKind[] = [
  'authority-indicators',
  'edition-indicators',
  'mail-batch',
];

export interface JobsRuntime {
  queue: JobQueue;
  close(): Promise<void>;
}

/**
 * The queue of a web server. On SQLite the server is the only process that can run what it
 * queues, so it works those kinds itself; on PostgreSQL it only queues, and `barometre worker`
 * processes run the jobs.
 */
export async function openServerJobs(
  config: Config,
  database: Database,
  mailer: Mailer,
): Promise<JobsRuntime> {
  const jobs = await openJobs(
    {
      config,
      database,
      now: () => new Date(),
      mailer,
      crawlerRuntime: (overrides) => createCrawlerRuntime(config, overrides),
      simulatedWeb: (targets, referential) => startSimulatedWeb(targets, referential),
    },
    { concurrency: 1, detectionWorkers: 0 },
  );
  if (jobs.queue.name === 'in-process') await jobs.queue.work(SERVER_JOB_KINDS, { concurrency: 1 });
  return jobs;
}

/**
 * The job queue of this installation and everything its handlers need, built once per process:
 * pg-boss and advisory host locks when the database is a PostgreSQL server, the in-process queue
 * and an in-memory host lock on SQLite.
 */
export async function openJobs(
  deps: JobsDependencies,
  options: { concurrency: number; detectionWorkers: number; pollingSeconds?: number },
): Promise<JobsRuntime> {
  const { database, config } = deps;
  const onServer = database.engine === 'postgres' && config.databaseUrl !== undefined;
  const hostLock: HostLock =
    onServer && config.databaseUrl
      ? postgresHostLock(config.databaseUrl, options.concurrency + 1)
      : inProcessHostLock();
  const crawlers = new Map<string, Promise<{ runtime: CrawlerRuntime; web?: SimulatedWeb }>>();
  const crawlerFor = async (run: { runId: number; simulated: boolean }) => {
    // One crawler for the real web, shared by every job of the process (one host scheduler);
    // a simulated campaign gets the simulated web of its whole run, the same for every worker.
    const key = run.simulated ? `simulated:${run.runId}` : 'web';
    let entry = crawlers.get(key);
    if (!entry) {
      entry = run.simulated
        ? simulatedCrawler(deps, run.runId)
        : Promise.resolve({ runtime: deps.crawlerRuntime() });
      crawlers.set(key, entry);
    }
    return (await entry).runtime;
  };
  let queue: JobQueue | undefined;
  const env = (): JobEnvironment => ({
    db: database.db,
    now: deps.now,
    enqueue: async (kind, payload, enqueueOptions) => {
      await queue?.enqueue(kind, payload, enqueueOptions);
    },
    hostLock,
    crawler: crawlerFor,
    detectionWorkers: options.detectionWorkers,
    mailer: deps.mailer,
  });
  queue =
    onServer && config.databaseUrl
      ? await createPgBossQueue(JOB_DEFINITIONS, env, {
          url: config.databaseUrl,
          heartbeatSeconds: config.jobHeartbeatSeconds,
          ...(options.pollingSeconds ? { pollingSeconds: options.pollingSeconds } : {}),
        })
      : createInProcessQueue(JOB_DEFINITIONS, env);
  const opened = queue;
  return {
    queue: opened,
    async close() {
      await opened.close();
      for (const entry of crawlers.values()) {
        const { runtime, web } = await entry;
        await runtime.close();
        await web?.close();
      }
      await hostLock.close();
    },
  };
}

async function simulatedCrawler(
  deps: JobsDependencies,
  runId: number,
): Promise<{ runtime: CrawlerRuntime; web: SimulatedWeb }> {
  const { db } = deps.database;
  const run = await findRun(db, runId);
  const edition = await findEditionById(db, run.edition_id);
  if (!edition) throw new Error(`édition ${run.edition_id} introuvable`);
  const { referential } = await loadStoredReferential(db, edition.referential_version);
  const web = await deps.simulatedWeb(await runTargets(db, runId), referential);
  return { runtime: deps.crawlerRuntime({ network: web.network }), web };
}
