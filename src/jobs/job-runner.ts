import type { JobDefinition, JobEnvironment, RetryPolicy } from './job.types.ts';
import { recordJobFailure } from './job-failures.repository.ts';

/** Seconds before retry number `retry` (1-based), as both queues apply it. */
export function retryDelaySeconds(policy: RetryPolicy, retry: number): number {
  return policy.backoff ? policy.delaySeconds * 2 ** (retry - 1) : policy.delaySeconds;
}

export function isLastAttempt(policy: RetryPolicy, attempt: number): boolean {
  return attempt > policy.retries;
}

/** Thrown when a job stopped because its worker is stopping: the job is released, not failed. */
export class JobReleased extends Error {
  constructor(kind: string) {
    super(`${kind} : interrompu par l’arrêt du travailleur, rendu à la file`);
  }
}

/**
 * One attempt of a job, the same for both queues: the payload is validated, the handler runs,
 * and when the attempt that failed was the last one a failure row is written before the queue
 * marks the job failed. Throws on failure so that the queue schedules the retry.
 */
export async function runAttempt<P>(
  definition: JobDefinition<P>,
  env: JobEnvironment,
  job: { id: string; payload: unknown; attempt: number; signal: AbortSignal },
): Promise<void> {
  try {
    const payload = definition.payload.parse(job.payload);
    await definition.run(env, { ...job, payload });
    if (job.signal.aborted) throw new JobReleased(definition.kind);
  } catch (error) {
    if (error instanceof JobReleased || job.signal.aborted) throw new JobReleased(definition.kind);
    if (isLastAttempt(definition.retry, job.attempt)) {
      await recordJobFailure(
        env.db,
        {
          kind: definition.kind,
          jobId: job.id,
          payload: job.payload,
          attempts: job.attempt,
          error: error instanceof Error ? error.message : String(error),
        },
        env.now(),
      );
    }
    throw error;
  }
}
