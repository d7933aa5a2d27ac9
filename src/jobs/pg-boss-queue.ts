import pg from 'pg';
import { PgBoss } from 'pg-boss';
import {
  JOB_KINDS,
  type JobDefinition,
  type JobEnvironment,
  type JobKind,
  type JobQueue,
  type KindCounts,
} from './job.types.ts';
import { runAttempt } from './job-runner.ts';

type Definitions = ReadonlyMap<JobKind, JobDefinition<unknown>>;

export interface PgBossSettings {
  url: string;
  /**
   * Seconds between a worker's heartbeats' deadline: a job whose worker stopped beating (killed,
   * machine lost) goes back to the queue within about twice this. At least 10 (pg-boss).
   */
  heartbeatSeconds: number;
  /** Idle poll of a worker, in seconds. */
  pollingSeconds?: number;
}

/** pg-boss keeps its tables in this schema, beside Baromètre's. */
export const PG_BOSS_SCHEMA = 'pgboss';

/**
 * The queue on PostgreSQL (pg-boss, docs/adr/0008): jobs are rows, claimed with SKIP LOCKED, so any
 * number of workers on any number of machines share them. Each kind is a pg-boss queue created
 * with the retry policy and lease of its definition; a worker beats a heartbeat while it holds a
 * job, and pg-boss's supervisor hands the job of a silent worker to another.
 */
export async function createPgBossQueue(
  definitions: Definitions,
  env: () => JobEnvironment,
  settings: PgBossSettings,
): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: settings.url,
    schema: PG_BOSS_SCHEMA,
    application_name: 'barometre-jobs',
    max: 4,
    // Heartbeats and leases are checked by the supervisor: as often as a heartbeat is due.
    superviseIntervalSeconds: settings.heartbeatSeconds,
    monitorIntervalSeconds: settings.heartbeatSeconds,
  });
  // Connection hiccups surface as 'error' events; without a listener Node would crash the worker.
  boss.on('error', (error: Error) => process.emitWarning(`pg-boss : ${error.message}`));
  await boss.start();
  for (const kind of JOB_KINDS) {
    const definition = definitions.get(kind);
    if (!definition) continue;
    const options = {
      // A singleton key means « not twice in the queue »: pg-boss's 'short' policy.
      policy: definition.singletonKey ? ('short' as const) : ('standard' as const),
      retryLimit: definition.retry.retries,
      retryDelay: definition.retry.delaySeconds,
      retryBackoff: definition.retry.backoff,
      expireInSeconds: definition.leaseSeconds,
      heartbeatSeconds: settings.heartbeatSeconds,
    };
    if (await boss.getQueue(kind)) await boss.updateQueue(kind, omitPolicy(options));
    else await boss.createQueue(kind, options);
  }
  const definitionOf = (kind: JobKind) => {
    const definition = definitions.get(kind);
    if (!definition) throw new Error(`job kind without a definition: ${kind}`);
    return definition;
  };
  const sendOptions = (kind: JobKind, payload: unknown) => {
    const key = definitionOf(kind).singletonKey?.(payload);
    return key === undefined ? {} : { singletonKey: key };
  };

  return {
    name: 'pg-boss',
    async enqueue(kind, payload, options = {}) {
      const id = await boss.send(kind, payload as object, {
        ...sendOptions(kind, payload),
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      });
      return id !== null;
    },
    async enqueueMany(kind, payloads) {
      let queued = 0;
      for (let start = 0; start < payloads.length; start += 1000) {
        const chunk = payloads.slice(start, start + 1000);
        const ids = await boss.insert(
          kind,
          chunk.map((payload) => ({ data: payload as object, ...sendOptions(kind, payload) })),
          { returnId: true },
        );
        queued += ids?.length ?? chunk.length;
      }
      return queued;
    },
    async work(kinds, options) {
      for (const kind of kinds) {
        const definition = definitionOf(kind);
        await boss.work<unknown>(
          kind,
          {
            includeMetadata: true,
            batchSize: 1,
            localConcurrency: kind === 'crawl-site' ? options.concurrency : 1,
            pollingIntervalSeconds: settings.pollingSeconds ?? 2,
          },
          async ([job]) => {
            if (!job) return;
            await runAttempt(definition, env(), {
              id: job.id,
              payload: job.data,
              attempt: job.retryCount + 1,
              signal: job.signal,
            });
          },
        );
      }
    },
    async stop({ graceful }) {
      // The longest lease: a graceful stop waits for the running jobs to end.
      const longest = Math.max(...[...definitions.values()].map((d) => d.leaseSeconds));
      await boss.stop({ graceful, close: false, timeout: graceful ? longest * 1000 : 1000 });
    },
    async drained() {
      // From the job table itself: pg-boss's queue counts are a cache refreshed every minute.
      for (;;) {
        const { kinds } = await pgBossStatus(settings.url, 1);
        if (kinds.every((k) => k.queued === 0 && k.running === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    status: (windowMinutes) => pgBossStatus(settings.url, windowMinutes),
    async close() {
      await boss.stop({ graceful: false, close: true, timeout: 1000 });
    },
  };
}

function omitPolicy<T extends { policy: unknown; heartbeatSeconds: unknown }>(
  options: T,
): Omit<T, 'policy' | 'heartbeatSeconds'> {
  const { policy: _policy, heartbeatSeconds: _heartbeat, ...rest } = options;
  return rest;
}

/** Counts by kind and state straight from pg-boss's job table: one query, no pg-boss instance. */
export async function pgBossStatus(
  url: string,
  windowMinutes: number,
): Promise<{ queue: 'pg-boss'; kinds: KindCounts[]; windowMinutes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const installed = await client.query(
      `select 1 from information_schema.tables where table_schema = $1 and table_name = 'job'`,
      [PG_BOSS_SCHEMA],
    );
    if (installed.rowCount === 0) return { queue: 'pg-boss', kinds: [], windowMinutes };
    const { rows } = await client.query<Record<string, string>>(
      `select name,
         count(*) filter (where state in ('created', 'retry')) as queued,
         count(*) filter (where state = 'active') as running,
         count(*) filter (where state = 'completed') as done,
         count(*) filter (where state = 'failed') as failed,
         count(*) filter (where state = 'completed'
           and completed_on > now() - make_interval(mins => $1)) as recent
       from ${PG_BOSS_SCHEMA}.job where name = any($2) group by name order by name`,
      [windowMinutes, [...JOB_KINDS]],
    );
    return {
      queue: 'pg-boss',
      windowMinutes,
      kinds: rows.map((row) => ({
        kind: row.name as JobKind,
        queued: Number(row.queued),
        running: Number(row.running),
        done: Number(row.done),
        failed: Number(row.failed),
        doneRecently: Number(row.recent),
      })),
    };
  } finally {
    await client.end();
  }
}
