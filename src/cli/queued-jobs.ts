import type { JobKind } from '../jobs/job.types.ts';
import type { JobsRuntime } from '../main/jobs.ts';

/**
 * What became of the jobs a command queued. On PostgreSQL they wait for the workers
 * (`barometre worker`). On SQLite the queue lives in the command's process and ends with it, so
 * the command runs them itself, retries included, before it returns: nobody else would.
 */
export async function settleQueuedJobs(
  jobs: JobsRuntime,
  kind: JobKind,
): Promise<'queued' | 'done' | 'failed'> {
  if (jobs.queue.name !== 'in-process') return 'queued';
  await jobs.queue.work([kind], { concurrency: 1 });
  await jobs.queue.drained();
  const status = await jobs.queue.status(1);
  return status.kinds.some((k) => k.kind === kind && k.failed > 0) ? 'failed' : 'done';
}
