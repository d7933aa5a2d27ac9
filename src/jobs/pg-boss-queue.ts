import pg from 'pg';
import { type JobWithMetadata, PgBoss } from 'pg-boss';
import { errorMessage } from '../shared/errors.ts';
import { DEAD_LETTER_QUEUE, recordDeadLetter } from './dead-letters.ts';
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
  /**
   * Seconds between this process's checks for jobs whose lease or heartbeat expired (pg-boss's
   * supervisor); `heartbeatSeconds` unless set. Tests shorten it to see a dead worker's job fail fast.
   */
  superviseSeconds?: number;
}

/** pg-boss keeps its tables in this schema, beside Baromètre's. */
export const PG_BOSS_SCHEMA = 'pgboss';

/**
 * The queue on PostgreSQL (pg-boss, docs/operations.md): jobs are rows, claimed with SKIP LOCKED, so any
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
    superviseIntervalSeconds: settings.superviseSeconds ?? settings.heartbeatSeconds,
    monitorIntervalSeconds: settings.superviseSeconds ?? settings.heartbeatSeconds,
  });
  // Connection hiccups surface as 'error' events; without a listener Node would crash the worker.
  boss.on('error', (error: Error) => process.emitWarning(`pg-boss : ${error.message}`));
  await boss.start();
  // Created first: every kind's queue names it. Its own retries cover a database hiccup while the
  // failure row is written.
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
    await boss.createQueue(DEAD_LETTER_QUEUE, { retryLimit: 5, retryDelay: 10, retryBackoff: true });
  }
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
      // A job failed for good, by its handler or by an expired lease, is copied there.
      deadLetter: DEAD_LETTER_QUEUE,
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

  let stopping = false;
  const loops: Promise<void>[] = [];
  const running = new Set<AbortController>();
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of sleepers) wake();
  };
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const pollingMs = (settings.pollingSeconds ?? 1) * 1000;

  /** Fetches the next job of a pg-boss queue, or waits out the idle poll; undefined when stopping. */
  async function nextJob(name: string): Promise<JobWithMetadata<unknown> | undefined> {
    while (!stopping) {
      try {
        const [job] = await boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
        if (job) return job;
      } catch (error) {
        process.emitWarning(`pg-boss fetch ${name} : ${errorMessage(error)}`);
      }
      await idle(pollingMs);
    }
    return undefined;
  }

  /**
   * One slot of this worker: fetch a job, run it while beating its heartbeat, settle it, and
   * fetch the next at once. pg-boss's own work() waits out its polling interval after every
   * job, which capped a worker at one site per interval and slot (bench:scale).
   */
  async function takeJobs(kind: JobKind): Promise<void> {
    const definition = definitionOf(kind);
    for (let held = await nextJob(kind); held; held = await nextJob(kind)) {
      const job = held;
      const controller = new AbortController();
      running.add(controller);
      const beat = setInterval(
        () => void boss.touch(kind, job).catch(() => {}),
        (settings.heartbeatSeconds * 1000) / 2,
      );
      try {
        await runAttempt(definition, env(), {
          id: job.id,
          payload: job.data,
          attempt: job.retryCount + 1,
          signal: controller.signal,
        });
        await boss.complete(kind, job);
      } catch (error) {
        // pg-boss retries it after the queue's delay, or fails it for good into the dead letters.
        await boss.fail(kind, job, { message: errorMessage(error) }).catch(() => {});
      } finally {
        clearInterval(beat);
        running.delete(controller);
      }
    }
  }

  /** The dead-letter slot of this worker: one failure row per job failed for good. */
  async function takeDeadLetters(): Promise<void> {
    for (let letter = await nextJob(DEAD_LETTER_QUEUE); letter; letter = await nextJob(DEAD_LETTER_QUEUE)) {
      const job = letter;
      try {
        const { db, now } = env();
        await recordDeadLetter(db, job, now());
        await boss.complete(DEAD_LETTER_QUEUE, job);
      } catch (error) {
        await boss.fail(DEAD_LETTER_QUEUE, job, { message: errorMessage(error) }).catch(() => {});
      }
    }
  }

  const queue: JobQueue = {
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
      stopping = false;
      for (const kind of kinds) {
        const slots = kind === 'crawl-site' ? options.concurrency : 1;
        for (let slot = 0; slot < slots; slot++) loops.push(takeJobs(kind));
      }
      loops.push(takeDeadLetters());
    },
    async stop({ graceful }) {
      stopping = true;
      wakeAll();
      if (!graceful) for (const controller of running) controller.abort(new Error('arrêt du travailleur'));
      await Promise.all(loops.splice(0));
    },
    async drained() {
      // From the job table itself: pg-boss's queue counts are a cache refreshed every minute.
      // The dead letters too: a job failed for good is done once its failure row is written.
      for (;;) {
        const { kinds } = await pgBossStatus(settings.url, 1, [...JOB_KINDS, DEAD_LETTER_QUEUE]);
        if (kinds.every((k) => k.queued === 0 && k.running === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    status: (windowMinutes) => pgBossStatus(settings.url, windowMinutes),
    async close() {
      await queue.stop({ graceful: false });
      await boss.stop({ graceful: false, close: true, timeout: 1000 });
    },
  };
  return queue;
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
  names: readonly string[] = JOB_KINDS,
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
      [windowMinutes, [...names]],
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
