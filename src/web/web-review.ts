import type { ContestDecision } from '../assessments/contests.rules.ts';
import type { ContestDecisionOutcome, ContestListItem } from '../assessments/contests.service.ts';
import type {
  BlindCandidate,
  DoubleReview,
  ReviewQueueFilters,
  ReviewQueueItem,
  TripleLabels,
} from '../assessments/review.repository.ts';
import type {
  BlindReviewTask,
  EditionAgreement,
  HistoryEntry,
  ReviewOutcome,
} from '../assessments/review.service.ts';
import type { AssessmentRow, AuthorityKind, BlindReviewRow, ContestStatus } from '../db/schema.ts';

/** Edition, authority and service of one assessment chain. */
export interface ReviewTriple {
  editionId: number;
  authorityId: number;
  serviceId: number;
}

/**
 * What the back office's review screens ask of the assessments domain, wired in
 * src/main/web-review.ts. Every change goes through the review, contest and publication services,
 * which keep who, when, before and after (review_events and the audit log). Refusals
 * (superseded assessment, same level, missing comment…) are UserErrors with a French message.
 */
export interface WebReview {
  /** The authority a code names (of `kind` when given); a UserError when unknown or ambiguous. */
  authorityByCode(
    code: string,
    kind?: AuthorityKind,
  ): Promise<{ id: number; kind: AuthorityKind; code: string; name: string }>;
  queue(filters: ReviewQueueFilters): Promise<{ total: number; items: ReviewQueueItem[] }>;
  /** An assessment with its labels and its whole chain, undefined when there is none. */
  item(
    assessmentId: number,
  ): Promise<
    | { assessment: AssessmentRow; labels: TripleLabels; current: AssessmentRow; history: HistoryEntry[] }
    | undefined
  >;
  confirm(input: { assessmentId: number; reviewer: string; comment?: string | null }): Promise<ReviewOutcome>;
  correct(input: {
    assessmentId: number;
    reviewer: string;
    level: number;
    comment: string;
    evidenceUrl?: string | null;
  }): Promise<ReviewOutcome>;
  /** Adds a service (named by its key in the edition's referential) the crawler missed. */
  addMissed(input: {
    editionId: number;
    authorityId: number;
    serviceKey: string;
    reviewer: string;
    level: number;
    evidenceUrl?: string | null;
    comment?: string | null;
  }): Promise<ReviewOutcome>;
  /** Services a second analyst may review blind (levels not returned). */
  blindCandidates(input: { editionId: number; reviewer: string; limit: number }): Promise<BlindCandidate[]>;
  blindTask(input: ReviewTriple & { reviewer: string }): Promise<BlindReviewTask>;
  submitBlind(
    input: ReviewTriple & {
      reviewer: string;
      level: number;
      comment?: string | null;
      evidenceUrl?: string | null;
    },
  ): Promise<BlindReviewRow>;
  agreement(editionId: number): Promise<EditionAgreement>;
  disagreements(input: { editionId: number; pendingOnly?: boolean }): Promise<DoubleReview[]>;
  arbitrate(input: {
    blindReviewId: number;
    arbiter: string;
    level: number;
    comment: string;
  }): Promise<ReviewOutcome>;
  contests(input: { editionId: number; status?: ContestStatus }): Promise<ContestListItem[]>;
  decideContest(input: {
    contestId: number;
    decision: ContestDecision;
    decisionText: string;
    decider: string;
    level?: number | null;
  }): Promise<ContestDecisionOutcome>;
}
