import { logChange } from '../audit-log/audit-log.repository.ts';
import type { AssessmentRow, ReviewAction, ReviewEventRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/** What the audit log keeps of an assessment: enough to read the change without the chain. */
export function assessmentSummary(row: AssessmentRow) {
  return {
    assessmentId: row.id,
    editionId: row.edition_id,
    authorityId: row.authority_id,
    serviceId: row.service_id,
    level: row.level,
    source: row.source,
    reviewer: row.reviewer,
    comment: row.comment,
    evidenceUrl: row.evidence_url,
  };
}

/**
 * Writes a person's change to an assessment to the audit log, in the transaction that appended
 * it: the review services call it, so the CLI and the web log alike.
 */
export async function logReviewChange(
  trx: Executor,
  change: {
    action: ReviewAction;
    actor: string;
    before: AssessmentRow | undefined;
    assessment: AssessmentRow;
    event: ReviewEventRow;
    details?: Record<string, unknown>;
  },
  now: Date,
): Promise<void> {
  await logChange(
    trx,
    {
      actor: change.actor,
      action: `review_${change.action}`,
      entity: 'assessment',
      entityId: change.assessment.id,
      before: change.before && assessmentSummary(change.before),
      after: {
        ...assessmentSummary(change.assessment),
        reviewEventId: change.event.id,
        ...(change.details ?? {}),
      },
    },
    now,
  );
}
