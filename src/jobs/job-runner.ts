import type { JobDefinition, JobEnvironment, RetryPolicy } from './job.types.ts';

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
 * One attempt of a job, the same for both queues: the payload is validated and the handler runs.
 * Throws on failure so that the queue schedules the retry. The failure row after the last retry is
 * the queue's to write, not the attempt's: on pg-boss a job also fails for good when its worker
 * dies during its last attempt, and only the queue sees that (src/jobs/dead-letters.ts).
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
    throw error;
  }
}
