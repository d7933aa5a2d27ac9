import type { Transaction } from 'kysely';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type {
  ArbitrationRow,
  AssessmentRow,
  BlindReviewRow,
  EditionRow,
  ReviewAction,
  ReviewEventRow,
  Schema,
} from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { findEditionById } from '../editions/editions.service.ts';
import type { AssessmentChanged } from '../indicators/indicators-follow-up.ts';
import {
  agreementWeights,
  contingencyTable,
  type KappaResult,
  kappaFromTable,
} from '../indicators/statistics/kappa.ts';
import type { DigitalisationLevel } from '../referential/levels.ts';
import { errorMessage, UserError } from '../shared/errors.ts';
import {
  type AssessmentInput,
  appendAssessments,
  assessmentHistory,
  currentAssessment,
  findAssessment,
  lockAssessmentTriple,
  type Triple,
} from './assessments.repository.ts';
import {
  agreementPairs,
  arbitrationOf,
  blindReviewOfFirst,
  type DoubleReview,
  disagreementsOfEdition,
  findBlindReview,
  insertBlindReview,
  insertReviewEvent,
  reviewActionOf,
  reviewEventsOfTriple,
  serviceForAuthority,
  type TripleLabels,
  tripleLabels,
} from './review.repository.ts';
import {
  cleanText,
  evidenceAfterReview,
  evidenceUrlOrRefusal,
  isRefusal,
  levelOrRefusal,
  REFUSAL_ERROR_CODES,
  type ReviewRefusal,
  refuseAdd,
  refuseArbitration,
  refuseBlindReview,
  refuseConfirm,
  refuseCorrect,
  refuseEvidence,
  reviewerOrRefusal,
} from './review.rules.ts';
import { logReviewChange } from './review-audit.ts';

/**
 * The analysts' review workflow over the assessment chain (docs/review-workflow.md). Every
 * action appends an assessment and a review event in one transaction, under the triple's lock,
 * after checking that the assessment the analyst saw is still the current one.
 */

export interface ReviewOutcome {
  assessment: AssessmentRow;
  event: ReviewEventRow;
}

/**
 * Tells `afterChange` (the edition's indicators catching up, src/indicators/indicators-follow-up.ts)
 * about a review once its transaction has committed: a job queued from inside it could run before
 * the new assessment is visible, or follow a review that was rolled back.
 */
export async function followedBy<T>(
  outcome: T,
  assessment: AssessmentRow | undefined,
  afterChange: AssessmentChanged | undefined,
): Promise<T> {
  if (assessment && afterChange) {
    // The review is committed: a queue out of reach must not report it as failed (retried, it
    // would be refused as stale). The indicators then wait for the next review or a compute.
    await afterChange({ editionId: assessment.edition_id, authorityId: assessment.authority_id }).catch(
      (error: unknown) =>
        process.emitWarning(`indicateurs non mis en file après la revue : ${errorMessage(error)}`),
    );
  }
  return outcome;
}

/** Turns a refusal into the error the edges (CLI, web) know how to show. */
export function throwRefusal(refusal: ReviewRefusal): never {
  throw new UserError(REFUSAL_ERROR_CODES[refusal.code], refusal.message);
}

export function orThrow<T>(value: T | ReviewRefusal): T {
  if (isRefusal(value)) throwRefusal(value);
  return value;
}

export function throwIfRefused(refusal: ReviewRefusal | undefined): void {
  if (refusal) throwRefusal(refusal);
}

/** A checked evidence URL, or null when none was given. */
export function optionalEvidenceUrl(raw: string | null | undefined): string | null {
  const url = cleanText(raw);
  return url === undefined ? null : orThrow(evidenceUrlOrRefusal(url));
}

export function tripleOf(row: { edition_id: number; authority_id: number; service_id: number }): Triple {
  return { editionId: row.edition_id, authorityId: row.authority_id, serviceId: row.service_id };
}

export function parseEvidence(row: { evidence: string }): Record<string, unknown> {
  return JSON.parse(row.evidence) as Record<string, unknown>;
}

export async function requireEditionById(db: Executor, id: number): Promise<EditionRow> {
  const edition = await findEditionById(db, id);
  if (!edition) throw new UserError('not_found', `L’édition n° ${id} n’existe pas.`);
  return edition;
}

interface LockedTriple {
  trx: Transaction<Schema>;
  edition: EditionRow;
  current: AssessmentRow | undefined;
}

/** Runs `work` in a transaction holding the triple's lock, with its edition and current assessment. */
export async function withLockedTriple<T>(
  db: Executor,
  triple: Triple,
  work: (locked: LockedTriple) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    await lockAssessmentTriple(trx, triple);
    const edition = await requireEditionById(trx, triple.editionId);
    return work({ trx, edition, current: await currentAssessment(trx, triple) });
  });
}

async function withSeenAssessment<T>(
  db: Executor,
  seenId: number,
  work: (locked: LockedTriple) => Promise<T>,
): Promise<T> {
  const seen = await findAssessment(db, seenId);
  if (!seen) throw new UserError('not_found', `L’évaluation n° ${seenId} n’existe pas.`);
  return withLockedTriple(db, tripleOf(seen), work);
}

/** Appends a person's assessment and the event that says what they did, in the caller's transaction. */
export async function appendReviewed(
  trx: Transaction<Schema>,
  input: {
    assessment: AssessmentInput;
    before: AssessmentRow | undefined;
    action: ReviewAction;
    actor: string;
    details?: Record<string, unknown>;
  },
  now: Date,
): Promise<ReviewOutcome> {
  const [assessment] = await appendAssessments(trx, [input.assessment], now);
  if (!assessment) throw new Error('appendAssessments returned no row');
  const event = await insertReviewEvent(
    trx,
    {
      ...input.assessment,
      action: input.action,
      actor: input.actor,
      beforeAssessmentId: input.before?.id ?? null,
      afterAssessmentId: assessment.id,
      levelBefore: input.before?.level ?? null,
      levelAfter: assessment.level,
      comment: assessment.comment,
      details: input.details ?? {},
    },
    now,
  );
  await logReviewChange(trx, { ...input, assessment, event }, now);
  return { assessment, event };
}

/** An analyst's copy of the current assessment: same proof, their name, their level and comment. */
function analystCopy(
  current: AssessmentRow,
  change: { level: DigitalisationLevel; reviewer: string; comment: string | null },
): AssessmentInput {
  return {
    ...tripleOf(current),
    level: change.level,
    source: 'analyst',
    channel: current.channel,
    platform: current.platform,
    evidenceUrl: current.evidence_url,
    evidence: parseEvidence(current),
    // The crawler's confidence stays on its row; a reviewed level carries none.
    confidence: null,
    reviewer: change.reviewer,
    comment: change.comment,
  };
}

/** Confirms a proposal (crawler or declaration): same level and evidence, now the analyst's. */
export async function confirmAssessment(
  db: Executor,
  input: { assessmentId: number; reviewer: string; comment?: string | null },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ReviewOutcome> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const comment = cleanText(input.comment) ?? null;
  const outcome = await withSeenAssessment(db, input.assessmentId, async ({ trx, edition, current }) => {
    throwIfRefused(refuseConfirm({ edition, seenId: input.assessmentId, current }));
    if (!current) throw new Error('unreachable: refuseConfirm accepts only a current assessment');
    const level = orThrow(levelOrRefusal(current.level));
    return appendReviewed(
      trx,
      {
        assessment: analystCopy(current, { level, reviewer, comment }),
        before: current,
        action: 'confirmed',
        actor: reviewer,
      },
      now,
    );
  });
  return followedBy(outcome, outcome.assessment, afterChange);
}

/**
 * Corrects the level of the current assessment, with a comment saying why and, optionally, the
 * page that shows the right level (added to the evidence, the comment as its note).
 */
export async function correctAssessment(
  db: Executor,
  input: {
    assessmentId: number;
    reviewer: string;
    level: number;
    comment: string;
    evidenceUrl?: string | null;
  },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ReviewOutcome> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const level = orThrow(levelOrRefusal(input.level));
  const comment = cleanText(input.comment);
  const url = optionalEvidenceUrl(input.evidenceUrl);
  const outcome = await withSeenAssessment(db, input.assessmentId, async ({ trx, edition, current }) => {
    throwIfRefused(refuseCorrect({ edition, seenId: input.assessmentId, current, level, comment }));
    if (!current || !comment) throw new Error('unreachable: refuseCorrect checked both');
    const copy = analystCopy(current, { level, reviewer, comment });
    const entry = url && { url, note: comment, by: reviewer, at: now.toISOString() };
    return appendReviewed(
      trx,
      {
        assessment: entry
          ? {
              ...copy,
              evidenceUrl: current.evidence_url ?? url,
              evidence: evidenceAfterReview(parseEvidence(current), entry, 'add', current.id),
            }
          : copy,
        before: current,
        action: 'corrected',
        actor: reviewer,
        ...(url ? { details: { url } } : {}),
      },
      now,
    );
  });
  return followedBy(outcome, outcome.assessment, afterChange);
}

/** Adds a page proving the level (or replaces the crawler's proof with it); the level is kept. */
export async function attachEvidence(
  db: Executor,
  input: { assessmentId: number; reviewer: string; url: string; note: string; replace?: boolean },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ReviewOutcome> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const url = orThrow(evidenceUrlOrRefusal(input.url));
  const note = cleanText(input.note);
  const mode = input.replace ? 'replace' : 'add';
  const outcome = await withSeenAssessment(db, input.assessmentId, async ({ trx, edition, current }) => {
    throwIfRefused(refuseEvidence({ edition, seenId: input.assessmentId, current, note }));
    if (!current || !note) throw new Error('unreachable: refuseEvidence checked both');
    const level = orThrow(levelOrRefusal(current.level));
    const entry = { url, note, by: reviewer, at: now.toISOString() };
    const assessment: AssessmentInput = {
      ...analystCopy(current, { level, reviewer, comment: note }),
      evidenceUrl: mode === 'replace' ? url : (current.evidence_url ?? url),
      evidence: evidenceAfterReview(parseEvidence(current), entry, mode, current.id),
    };
    return appendReviewed(
      trx,
      {
        assessment,
        before: current,
        action: mode === 'replace' ? 'evidence_replaced' : 'evidence_added',
        actor: reviewer,
        details: { url, note },
      },
      now,
    );
  });
  return followedBy(outcome, outcome.assessment, afterChange);
}

/** Adds a service the crawler missed: one with no assessment yet for this authority. */
export async function addMissedService(
  db: Executor,
  input: {
    editionId: number;
    authorityId: number;
    serviceId: number;
    reviewer: string;
    level: number;
    evidenceUrl?: string | null;
    comment?: string | null;
  },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ReviewOutcome> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const level = orThrow(levelOrRefusal(input.level));
  const evidenceUrl = optionalEvidenceUrl(input.evidenceUrl);
  const comment = cleanText(input.comment) ?? null;
  const { appliesToAuthority } = await serviceForAuthority(db, input.serviceId, input.authorityId);
  const triple = { editionId: input.editionId, authorityId: input.authorityId, serviceId: input.serviceId };
  const outcome = await withLockedTriple(db, triple, async ({ trx, edition, current }) => {
    throwIfRefused(
      refuseAdd({
        edition,
        current,
        serviceAppliesToAuthority: appliesToAuthority,
        level,
        evidenceUrl: evidenceUrl ?? undefined,
      }),
    );
    const evidence = evidenceUrl
      ? { analystEvidence: [{ url: evidenceUrl, note: comment ?? '', by: reviewer, at: now.toISOString() }] }
      : {};
    return appendReviewed(
      trx,
      {
        assessment: {
          ...triple,
          level,
          source: 'analyst',
          evidenceUrl,
          evidence,
          reviewer,
          comment,
        },
        before: undefined,
        action: 'added',
        actor: reviewer,
      },
      now,
    );
  });
  return followedBy(outcome, outcome.assessment, afterChange);
}

export interface HistoryEntry {
  assessment: AssessmentRow;
  /** What a person did to append it; undefined for the crawler's rows. */
  event: ReviewEventRow | undefined;
}

/** The chain of a triple, oldest first, each row with the review action that appended it. */
export async function reviewHistory(db: Executor, triple: Triple): Promise<HistoryEntry[]> {
  const [assessments, events] = await Promise.all([
    assessmentHistory(db, triple),
    reviewEventsOfTriple(db, triple),
  ]);
  const byAfter = new Map(events.map((event) => [event.after_assessment_id, event]));
  return assessments.map((assessment) => ({ assessment, event: byAfter.get(assessment.id) }));
}

// Double review.

export interface BlindReviewTask {
  triple: Triple;
  labels: TripleLabels;
  /**
   * What the crawler proposed before the first review, the only assessment a blind reviewer
   * sees; null when an analyst added the service. The first analyst's level is never returned.
   */
  proposal: {
    assessmentId: number;
    level: number;
    confidence: number | null;
    evidenceUrl: string | null;
    evidence: Record<string, unknown>;
  } | null;
}

async function blindEligibility(
  db: Executor,
  locked: { edition: EditionRow; current: AssessmentRow | undefined },
  reviewer: string,
): Promise<AssessmentRow> {
  const { current } = locked;
  throwIfRefused(
    refuseBlindReview({
      edition: locked.edition,
      current,
      currentAction: current && (await reviewActionOf(db, current.id)),
      reviewer,
      alreadyBlindReviewed: current !== undefined && (await blindReviewOfFirst(db, current.id)) !== undefined,
    }),
  );
  if (!current) throw new Error('unreachable: refuseBlindReview accepts only a current assessment');
  return current;
}

/** The crawler proposal the first review started from: the last crawler row before it. */
async function proposalBefore(db: Executor, first: AssessmentRow): Promise<AssessmentRow | undefined> {
  const history = await assessmentHistory(db, tripleOf(first));
  return history.filter((row) => row.source === 'crawler' && row.id < first.id).at(-1);
}

/** What a second analyst may see to assess a service blind: the crawler's proposal, not the first review. */
export async function blindReviewTask(
  db: Executor,
  input: Triple & { reviewer: string },
): Promise<BlindReviewTask> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const edition = await requireEditionById(db, input.editionId);
  const first = await blindEligibility(
    db,
    { edition, current: await currentAssessment(db, input) },
    reviewer,
  );
  const proposal = await proposalBefore(db, first);
  return {
    triple: tripleOf(first),
    labels: await tripleLabels(db, input),
    proposal: proposal
      ? {
          assessmentId: proposal.id,
          level: proposal.level,
          confidence: proposal.confidence,
          evidenceUrl: proposal.evidence_url,
          evidence: parseEvidence(proposal),
        }
      : null,
  };
}

/** Records a blind second review; it is kept apart from the chain until an arbitration uses it. */
export async function submitBlindReview(
  db: Executor,
  input: Triple & { reviewer: string; level: number; comment?: string | null; evidenceUrl?: string | null },
  now: Date,
): Promise<BlindReviewRow> {
  const reviewer = orThrow(reviewerOrRefusal(input.reviewer));
  const level = orThrow(levelOrRefusal(input.level));
  const evidenceUrl = optionalEvidenceUrl(input.evidenceUrl);
  return withLockedTriple(db, input, async ({ trx, edition, current }) => {
    const first = await blindEligibility(trx, { edition, current }, reviewer);
    const proposal = await proposalBefore(trx, first);
    const blind = await insertBlindReview(
      trx,
      {
        edition_id: input.editionId,
        authority_id: input.authorityId,
        service_id: input.serviceId,
        first_assessment_id: first.id,
        proposal_assessment_id: proposal?.id ?? null,
        reviewer,
        level,
        evidence_url: evidenceUrl,
        comment: cleanText(input.comment) ?? null,
      },
      now,
    );
    // Kept apart from the chain, so logged here rather than through appendReviewed.
    await logChange(
      trx,
      {
        actor: reviewer,
        action: 'blind_review_submitted',
        entity: 'blind_review',
        entityId: blind.id,
        after: {
          editionId: input.editionId,
          authorityId: input.authorityId,
          serviceId: input.serviceId,
          firstAssessmentId: first.id,
          level: blind.level,
          comment: blind.comment,
          evidenceUrl: blind.evidence_url,
        },
      },
      now,
    );
    return blind;
  });
}

/** The five levels, in order: the categories both analysts rate services into. */
const LEVELS = [0, 1, 2, 3, 4] as const;

export interface EditionAgreement {
  /** Number of (first review, blind review) pairs. */
  pairs: number;
  /** Pairs where both analysts gave the same level. */
  agreements: number;
  /** Proportion of pairs at the same level; null without pairs. */
  observed: number | null;
  /** Agreement expected by chance from each analyst's level frequencies; null when not computable. */
  expected: number | null;
  /** Cohen's unweighted kappa; null when not computable (see `statistics`). */
  kappa: number | null;
  /** The statistics module's result: κ with its standard error and 95 % interval, or why not computable. */
  statistics: KappaResult;
  /** matrix[first level][blind level] = number of pairs. */
  matrix: number[][];
  disagreements: number;
  arbitrated: number;
}

/**
 * Agreement between first and blind reviews of an edition over the five levels — Cohen's
 * unweighted kappa from the shared statistics module (a 3 against a 4 counts as much as a 0
 * against a 4) — and the disagreements.
 */
export async function editionAgreement(db: Executor, editionId: number): Promise<EditionAgreement> {
  const pairs = await agreementPairs(db, editionId);
  const { counts: matrix } = contingencyTable(
    pairs.map(([first, second]) => ({ first, second })),
    LEVELS as readonly number[],
  );
  const statistics = kappaFromTable(matrix, agreementWeights(LEVELS.length, 'unweighted'), {
    weighting: 'unweighted',
  });
  const agreements = matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const disagreements = await disagreementsOfEdition(db, { editionId });
  return {
    pairs: pairs.length,
    agreements,
    observed: pairs.length === 0 ? null : agreements / pairs.length,
    expected: statistics.status === 'ok' ? statistics.expectedAgreement : null,
    kappa: statistics.status === 'ok' ? statistics.kappa : null,
    statistics,
    matrix,
    disagreements: disagreements.length,
    arbitrated: disagreements.filter((d) => d.arbitrationId !== null).length,
  };
}

export async function listDisagreements(
  db: Executor,
  input: { editionId: number; pendingOnly?: boolean },
): Promise<DoubleReview[]> {
  return disagreementsOfEdition(db, input);
}

/**
 * A third analyst settles a disagreement: their level becomes the current assessment, and the
 * arbitration links it to both reviews.
 */
export async function arbitrate(
  db: Executor,
  input: { blindReviewId: number; arbiter: string; level: number; comment: string },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ReviewOutcome & { arbitration: ArbitrationRow }> {
  const arbiter = orThrow(reviewerOrRefusal(input.arbiter));
  const level = orThrow(levelOrRefusal(input.level));
  const comment = cleanText(input.comment);
  const blind = await findBlindReview(db, input.blindReviewId);
  if (!blind) throw new UserError('not_found', `La double revue n° ${input.blindReviewId} n’existe pas.`);
  const outcome = await withLockedTriple(db, tripleOf(blind), async ({ trx, edition, current }) => {
    const first = await findAssessment(trx, blind.first_assessment_id);
    if (!first || !current) throw new Error(`first review ${blind.first_assessment_id} is missing`);
    throwIfRefused(
      refuseArbitration({
        edition,
        firstLevel: first.level,
        blindLevel: blind.level,
        firstReviewer: first.reviewer,
        blindReviewer: blind.reviewer,
        arbiter,
        alreadyArbitrated: (await arbitrationOf(trx, blind.id)) !== undefined,
        comment,
      }),
    );
    const outcome = await appendReviewed(
      trx,
      {
        assessment: analystCopy(current, { level, reviewer: arbiter, comment: comment ?? null }),
        before: current,
        action: 'arbitrated',
        actor: arbiter,
        details: {
          blindReviewId: blind.id,
          firstAssessmentId: first.id,
          firstLevel: first.level,
          firstReviewer: first.reviewer,
          blindLevel: blind.level,
          blindReviewer: blind.reviewer,
        },
      },
      now,
    );
    const arbitration = await trx
      .insertInto('arbitrations')
      .values({
        blind_review_id: blind.id,
        first_assessment_id: first.id,
        arbiter,
        level,
        comment: comment ?? '',
        assessment_id: outcome.assessment.id,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...outcome, arbitration };
  });
  return followedBy(outcome, outcome.assessment, afterChange);
}
