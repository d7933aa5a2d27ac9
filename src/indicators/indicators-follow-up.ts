import type { Executor } from '../db/transaction.ts';
import { findEditionById } from '../editions/editions.service.ts';
import type { EnqueueOptions } from '../jobs/job.types.ts';
import { findIndicatorRun } from './indicators.repository.ts';

/**
 * Seconds an indicators job waits after the review that queued it: analysts review in bursts, and
 * every review of the edition within this window joins the one waiting job (its singleton key is
 * the edition), so a burst costs one computation.
 */
export const INDICATORS_DEBOUNCE_SECONDS = 60;

/** Told once a review has committed a new current assessment of an authority in an edition. */
export type AssessmentChanged = (change: { editionId: number; authorityId: number }) => Promise<void>;

/** The one job kind this follow-up queues, as the job queue takes it. */
export type EnqueueIndicators = (
  kind: 'authority-indicators',
  payload: { year: number; authorityId: number },
  options: EnqueueOptions,
) => Promise<unknown>;

/**
 * After a review, the edition's stored indicators catch up through an `authority-indicators` job,
 * so that nobody has to run `indicators compute` again. Only for an edition whose indicators were
 * computed (before that, there is nothing to catch up) and not published: a published edition's
 * indicators are frozen as published, its errata are published beside them (docs/review-workflow.md).
 */
export function queueIndicatorsAfterReview(
  db: Executor,
  enqueue: EnqueueIndicators,
  debounceSeconds = INDICATORS_DEBOUNCE_SECONDS,
): AssessmentChanged {
  return async ({ editionId, authorityId }) => {
    const edition = await findEditionById(db, editionId);
    if (!edition || edition.status === 'published') return;
    if (!(await findIndicatorRun(db, edition.id))) return;
    await enqueue(
      'authority-indicators',
      { year: edition.year, authorityId },
      debounceSeconds > 0 ? { startAfterSeconds: debounceSeconds } : {},
    );
  };
}
