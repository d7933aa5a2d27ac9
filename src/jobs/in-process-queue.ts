import { errorMessage } from '../shared/errors.ts';
import type { JobDefinition, JobEnvironment, JobKind, JobQueue, KindCounts } from './job.types.ts';
import { recordJobFailure } from './job-failures.repository.ts';
import { isLastAttempt, JobReleased, retryDelaySeconds, runAttempt } from './job-runner.ts';

interface QueuedJob {
  id: string;
  kind: JobKind;
  payload: unknown;
  attempt: number;
  notBefore: number;
  singletonKey: string | undefined;
}

type Definitions = ReadonlyMap<JobKind, JobDefinition<unknown>>;

/**
 * The queue of an embedded (SQLite) installation: jobs live in this process's memory and run in
 * it, with the same definitions, retries and failure rows as on pg-boss. Nothing survives the
 * process; what must survive (the audit's progress) is in the database, and the command that
 * queued the work resumes it when started again.
 */
export function createInProcessQueue(
  definitions: Definitions,
  env: () => JobEnvironment,
  clock: () => number = Date.now,
): JobQueue {
  const waiting: QueuedJob[] = [];
  /** Singleton keys of the waiting jobs, by kind: a national campaign queues 36,000 at once. */
  const waitingKeys = new Set<string>();
  const keyOf = (job: Pick<QueuedJob, 'kind' | 'singletonKey'>) =>
    job.singletonKey === undefined ? undefined : `${job.kind}\u0000${job.singletonKey}`;
  const running = new Map<string, { job: QueuedJob; done: Promise<void> }>();
  const counts = new Map<JobKind, KindCounts>();
  const doneAt: { kind: JobKind; at: number }[] = [];
  let nextId = 1;
  let kinds: ReadonlySet<JobKind> = new Set();
  let concurrency = 0;
  let controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: (() => void)[] = [];

  const countsOf = (kind: JobKind): KindCounts => {
    let entry = counts.get(kind);
    if (!entry) {
      entry = { kind, queued: 0, running: 0, done: 0, failed: 0, doneRecently: 0 };
      counts.set(kind, entry);
    }
    return entry;
  };
  const definitionOf = (kind: JobKind) => {
    const definition = definitions.get(kind);
    if (!definition) throw new Error(`job kind without a definition: ${kind}`);
    return definition;
  };

  function push(kind: JobKind, payload: unknown, delaySeconds = 0): boolean {
    const definition = definitionOf(kind);
    const singletonKey = definition.singletonKey?.(payload);
    const key = keyOf({ kind, singletonKey });
    if (key !== undefined && waitingKeys.has(key)) return false;
    if (key !== undefined) waitingKeys.add(key);
    waiting.push({
      id: String(nextId++),
      kind,
      payload,
      attempt: 1,
      notBefore: clock() + delaySeconds * 1000,
      singletonKey,
    });
    countsOf(kind).queued++;
    pump();
    return true;
  }

  async function execute(job: QueuedJob): Promise<void> {
    const definition = definitionOf(job.kind);
    const entry = countsOf(job.kind);
    const environment = env();
    try {
      await runAttempt(definition, environment, { ...job, signal: controller.signal });
      entry.done++;
      doneAt.push({ kind: job.kind, at: clock() });
    } catch (error) {
      if (error instanceof JobReleased) {
        waiting.push(job);
        entry.queued++;
      } else if (isLastAttempt(definition.retry, job.attempt)) {
        // The same row pg-boss's dead-letter queue yields; a process that dies here loses the
        // job with it (nothing of this queue survives the process), so there is no other case.
        await recordJobFailure(
          environment.db,
          {
            kind: job.kind,
            jobId: job.id,
            payload: job.payload,
            attempts: job.attempt,
            error: errorMessage(error),
          },
          environment.now(),
        ).catch((failure) => process.emitWarning(`job_failures : ${errorMessage(failure)}`));
        entry.failed++;
      } else {
        const delay = retryDelaySeconds(definition.retry, job.attempt);
        waiting.push({ ...job, attempt: job.attempt + 1, notBefore: clock() + delay * 1000 });
        entry.queued++;
      }
    } finally {
      entry.running--;
      running.delete(job.id);
      pump();
    }
  }

  function pump(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const now = clock();
    while (running.size < concurrency) {
      const index = waiting.findIndex((j) => kinds.has(j.kind) && j.notBefore <= now);
      if (index < 0) break;
      const [job] = waiting.splice(index, 1) as [QueuedJob];
      const key = keyOf(job);
      if (key !== undefined) waitingKeys.delete(key);
      const entry = countsOf(job.kind);
      entry.queued--;
      entry.running++;
      running.set(job.id, { job, done: execute(job) });
    }
    const later = waiting.filter((j) => kinds.has(j.kind)).map((j) => j.notBefore);
    if (running.size < concurrency && later.length > 0) {
      timer = setTimeout(pump, Math.max(0, Math.min(...later) - now));
    }
    if (waiting.length === 0 && running.size === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  }

  return {
    name: 'in-process',
    async enqueue(kind, payload, options = {}) {
      return push(kind, payload, options.startAfterSeconds ?? 0);
    },
    async enqueueMany(kind, payloads) {
      let queued = 0;
      for (const payload of payloads) if (push(kind, payload)) queued++;
      return queued;
    },
    async work(workKinds, options) {
      kinds = new Set(workKinds);
      concurrency = options.concurrency;
      controller = new AbortController();
      pump();
    },
    async stop({ graceful }) {
      concurrency = 0;
      if (!graceful) controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    drained() {
      if (waiting.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    async status(windowMinutes) {
      const since = clock() - windowMinutes * 60_000;
      const kindsSeen = [...counts.values()].map((c) => ({
        ...c,
        doneRecently: doneAt.filter((d) => d.kind === c.kind && d.at >= since).length,
      }));
      return { queue: 'in-process', kinds: kindsSeen, windowMinutes };
    },
    async close() {
      await this.stop({ graceful: false });
    },
  };
}
