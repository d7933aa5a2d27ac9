import type { Database } from '../db/database.ts';
import { type AssessmentChanged, queueIndicatorsAfterReview } from '../indicators/indicators-follow-up.ts';
import type { JobsRuntime } from '../main/jobs.ts';
import type { CliContext } from './context.ts';
import { settleQueuedJobs } from './queued-jobs.ts';

/**
 * Runs a review command with its follow-up: when the review changed an assessment of a draft
 * edition whose indicators were computed, they catch up through an `authority-indicators` job,
 * debounced for the workers on PostgreSQL, run at once by this command on SQLite.
 */
export async function withIndicatorsFollowUp<T>(
  ctx: CliContext,
  database: Database,
  work: (afterChange: AssessmentChanged) => Promise<T>,
): Promise<T> {
  let jobs: JobsRuntime | undefined;
  const afterChange = queueIndicatorsAfterReview(database.db, async (kind, payload, options) => {
    // Opened only when a job is due: most reviews precede the edition's first computation.
    jobs ??= await ctx.openJobs({ concurrency: 1, detectionWorkers: 0 });
    // This command is the in-process queue's only worker: waiting out the debounce gains nothing.
    return jobs.queue.enqueue(kind, payload, jobs.queue.name === 'in-process' ? {} : options);
  });
  try {
    const result = await work(afterChange);
    const outcome = jobs && (await settleQueuedJobs(jobs, 'authority-indicators'));
    if (outcome === 'done') ctx.out.line('Indicateurs de l’édition recalculés.');
    if (outcome === 'queued')
      ctx.out.line('Recalcul des indicateurs de l’édition mis en file (barometre worker).');
    if (outcome === 'failed') {
      ctx.err.write(
        'Attention : le recalcul des indicateurs de l’édition a échoué (barometre jobs status) ; relancez barometre indicators compute.\n',
      );
    }
    return result;
  } finally {
    await jobs?.close();
  }
}
