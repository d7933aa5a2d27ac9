import type { JobDefinition, JobKind } from '../../src/jobs/job.types.ts';

/** Seconds a holding job's lease lasts: short, so that pg-boss fails a dead worker's job at once. */
export const HOLDING_LEASE_SECONDS = 2;

/**
 * A `mail-batch` job with no retry whose handler waits until aborted: its first attempt is its
 * last, and a worker killed during it leaves it to pg-boss's lease expiry.
 */
export function holdingDefinitions(
  onHold: (jobId: string) => void,
): ReadonlyMap<JobKind, JobDefinition<unknown>> {
  const definition: JobDefinition<unknown> = {
    kind: 'mail-batch',
    label: 'sonde qui ne finit pas',
    payload: { parse: (raw: unknown) => raw } as JobDefinition<unknown>['payload'],
    retry: { retries: 0, delaySeconds: 1, backoff: false },
    leaseSeconds: HOLDING_LEASE_SECONDS,
    run: (_env, job) =>
      new Promise((_resolve, reject) => {
        onHold(job.id);
        job.signal.addEventListener('abort', () => reject(new Error('interrompu')));
      }),
  };
  return new Map([['mail-batch', definition]]);
}
