import type { z } from 'zod';
import type { CrawlerRuntime } from '../crawl/crawler-runtime.ts';
import type { Executor } from '../db/transaction.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { HostLock } from './host-lock.ts';

/** Every kind of background job; each has one definition in src/jobs/definitions/. */
export const JOB_KINDS = ['crawl-site', 'authority-indicators', 'edition-indicators', 'mail-batch'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * How a failed job is tried again, declared next to each job definition. `retries` more attempts
 * after the first; the n-th retry waits `delaySeconds` (× 2^(n-1) with `backoff`).
 */
export interface RetryPolicy {
  retries: number;
  delaySeconds: number;
  backoff: boolean;
}

/** What a job handler may use: built once per process by the composition root. */
export interface JobEnvironment {
  db: Executor;
  now: () => Date;
  /** Puts follow-up jobs (an edition's indicators once its campaign's last site is done). */
  enqueue: (kind: JobKind, payload: unknown, options?: EnqueueOptions) => Promise<void>;
  hostLock: HostLock;
  /** This process's crawler; for a simulated campaign, one that reaches the run's simulated web. */
  crawler(run: { runId: number; simulated: boolean }): Promise<CrawlerRuntime>;
  /** Threads detecting pages per site job; 0 detects on the crawler's thread (a worker per core). */
  detectionWorkers: number;
  mailer: Mailer;
}

export interface JobAttempt<P> {
  id: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the worker stops before the job ends: the handler stops and the job is released. */
  signal: AbortSignal;
}

export interface JobDefinition<P> {
  kind: JobKind;
  /** French label for `jobs status`. */
  label: string;
  payload: z.ZodType<P>;
  retry: RetryPolicy;
  /**
   * How long a worker may hold the job before it is deemed dead and the job handed to another
   * (pg-boss expiration). Longer than the slowest legitimate run.
   */
  leaseSeconds: number;
  /** Jobs with the same key are not queued twice while one is waiting (pg-boss singleton key). */
  singletonKey?: (payload: P) => string;
  run(env: JobEnvironment, job: JobAttempt<P>): Promise<void>;
}

export interface EnqueueOptions {
  /** Not before this many seconds (a debounce). */
  startAfterSeconds?: number;
}

export interface KindCounts {
  kind: JobKind;
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Jobs done in the last `window` minutes, for throughput. */
  doneRecently: number;
}

export interface JobsStatus {
  queue: 'in-process' | 'pg-boss';
  kinds: KindCounts[];
  /** Minutes covered by `doneRecently`. */
  windowMinutes: number;
}

/** The queue interface both implementations (in-process, pg-boss) offer. */
export interface JobQueue {
  readonly name: JobsStatus['queue'];
  /** Returns whether the job was queued (false: a job with the same singleton key is waiting). */
  enqueue(kind: JobKind, payload: unknown, options?: EnqueueOptions): Promise<boolean>;
  /** Queues many jobs of one kind at once (a national campaign); returns how many were queued. */
  enqueueMany(kind: JobKind, payloads: unknown[]): Promise<number>;
  /** Starts taking jobs of these kinds, `concurrency` at once in this process. */
  work(kinds: readonly JobKind[], options: { concurrency: number }): Promise<void>;
  /**
   * Stops taking jobs. Graceful: waits for the running ones to end. Otherwise aborts them: each
   * goes back to the queue (in-process: as it was; pg-boss: as a failed attempt, retried by any
   * worker), and what it stored is kept.
   */
  stop(options: { graceful: boolean }): Promise<void>;
  /** Resolves when no job is queued or running (in-process; pg-boss: polls its tables). */
  drained(): Promise<void>;
  status(windowMinutes: number): Promise<JobsStatus>;
  close(): Promise<void>;
}
