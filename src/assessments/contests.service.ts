import { logChange } from '../audit-log/audit-log.repository.ts';
import type { ContestRow, ContestStatus } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { recordErratum } from '../editions/publication.service.ts';
import type { AssessmentChanged } from '../indicators/indicators-follow-up.ts';
import { UserError } from '../shared/errors.ts';
import { findAssessment } from './assessments.repository.ts';
import { type ContestDecision, refuseContest, refuseContestDecision } from './contests.rules.ts';
import { labellerOf, type TripleLabels } from './review.repository.ts';
import { cleanText, levelOrRefusal, reviewerOrRefusal } from './review.rules.ts';
import {
  appendReviewed,
  followedBy,
  orThrow,
  type ReviewOutcome,
  throwIfRefused,
  tripleOf,
  withLockedTriple,
} from './review.service.ts';

/**
 * The right of reply: an authority contests an assessment; an analyst accepts (the decided
 * level is appended on a draft edition, or goes through an erratum on a published one) or
 * rejects it, with a decision text either way.
 */

export async function createContest(
  db: Executor,
  input: {
    assessmentId: number;
    justification: string;
    contact: string;
    requestedLevel?: number | null;
    /** Who files it, for the audit log: the representative's e-mail; "cli" when typed in by an operator. */
    filedBy?: string;
  },
  now: Date,
): Promise<ContestRow> {
  const requestedLevel =
    input.requestedLevel === undefined || input.requestedLevel === null
      ? null
      : orThrow(levelOrRefusal(input.requestedLevel));
  const contested = await findAssessment(db, input.assessmentId);
  if (!contested) throw new UserError('not_found', `L’évaluation n° ${input.assessmentId} n’existe pas.`);
  const triple = tripleOf(contested);
  return withLockedTriple(db, triple, async ({ trx, current }) => {
    const justification = cleanText(input.justification);
    const contact = cleanText(input.contact);
    const open = await trx
      .selectFrom('contests')
      .select('id')
      .where('edition_id', '=', triple.editionId)
      .where('authority_id', '=', triple.authorityId)
      .where('service_id', '=', triple.serviceId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    throwIfRefused(
      refuseContest({ contestedId: contested.id, current, justification, contact, openContestId: open?.id }),
    );
    const contest = await trx
      .insertInto('contests')
      .values({
        assessment_id: contested.id,
        edition_id: triple.editionId,
        authority_id: triple.authorityId,
        service_id: triple.serviceId,
        requested_level: requestedLevel,
        justification: justification ?? '',
        contact: contact ?? '',
        status: 'open',
        decided_level: null,
        decision: null,
        decider: null,
        decided_at: null,
        resulting_assessment_id: null,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The contact stays out of the log, as out of the published data: the log is exported.
    const { contact: _contact, ...logged } = contest;
    await logChange(
      trx,
      {
        actor: input.filedBy ?? 'cli',
        action: 'contest_created',
        entity: 'contest',
        entityId: contest.id,
        after: logged,
      },
      now,
    );
    return contest;
  });
}

export interface ContestDecisionOutcome {
  contest: ContestRow;
  /** How the accepted level was recorded: appended (draft edition), erratum (published), or already in force. */
  recordedAs: 'appended' | 'erratum' | 'unchanged' | null;
  review: ReviewOutcome | null;
  erratumId: number | null;
}

export async function decideContest(
  db: Executor,
  input: {
    contestId: number;
    decision: ContestDecision;
    decisionText: string;
    decider: string;
    level?: number | null;
  },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ContestDecisionOutcome> {
  const decider = orThrow(reviewerOrRefusal(input.decider));
  const level =
    input.level === undefined || input.level === null ? undefined : orThrow(levelOrRefusal(input.level));
  const decisionText = cleanText(input.decisionText);
  const filed = await findContest(db, input.contestId);
  if (!filed) throw new UserError('not_found', `La contestation n° ${input.contestId} n’existe pas.`);
  // Every decider of a contest takes the lock of its triple, so a contest is decided once.
  const outcome = await withLockedTriple(db, tripleOf(filed), async ({ trx, edition, current }) => {
    const contest = (await findContest(trx, filed.id)) ?? filed;
    throwIfRefused(
      refuseContestDecision({
        contestId: contest.id,
        status: contest.status,
        decision: input.decision,
        decisionText,
        level,
      }),
    );
    let recordedAs: ContestDecisionOutcome['recordedAs'] = null;
    let review: ReviewOutcome | null = null;
    let erratumId: number | null = null;
    let resultingAssessmentId: number | null = null;
    if (input.decision === 'accepted' && level !== undefined) {
      if (current?.level === level) {
        recordedAs = 'unchanged';
        resultingAssessmentId = current.id;
      } else if (edition.status === 'published') {
        const erratum = await recordErratum(
          trx,
          {
            ...tripleOf(contest),
            level,
            reason: `Contestation n° ${contest.id} acceptée : ${decisionText}`,
            author: decider,
            contestId: contest.id,
          },
          now,
        );
        recordedAs = 'erratum';
        review = erratum;
        erratumId = erratum.erratum.id;
        resultingAssessmentId = erratum.assessment.id;
      } else {
        review = await appendReviewed(
          trx,
          {
            assessment: {
              ...tripleOf(contest),
              level,
              source: 'analyst',
              channel: current?.channel ?? null,
              platform: current?.platform ?? null,
              evidenceUrl: current?.evidence_url ?? null,
              evidence: current ? (JSON.parse(current.evidence) as Record<string, unknown>) : {},
              reviewer: decider,
              comment: decisionText ?? null,
            },
            before: current,
            action: 'contest_accepted',
            actor: decider,
            details: { contestId: contest.id },
          },
          now,
        );
        recordedAs = 'appended';
        resultingAssessmentId = review.assessment.id;
      }
    }
    const decided = await trx
      .updateTable('contests')
      .set({
        status: input.decision,
        decided_level: input.decision === 'accepted' ? (level ?? null) : null,
        decision: decisionText ?? '',
        decider,
        decided_at: now.toISOString(),
        resulting_assessment_id: resultingAssessmentId,
      })
      .where('id', '=', contest.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!decided)
      throw new UserError('conflict', `La contestation n° ${contest.id} vient d’être décidée par ailleurs.`);
    await logChange(
      trx,
      {
        actor: decider,
        action: `contest_${input.decision}`,
        entity: 'contest',
        entityId: contest.id,
        before: { status: contest.status, assessmentId: contest.assessment_id },
        after: {
          status: decided.status,
          decidedLevel: decided.decided_level,
          decision: decided.decision,
          recordedAs,
          resultingAssessmentId,
          erratumId,
        },
      },
      now,
    );
    return { contest: decided, recordedAs, review, erratumId };
  });
  return followedBy(outcome, outcome.review?.assessment, afterChange);
}

export async function findContest(db: Executor, id: number): Promise<ContestRow | undefined> {
  return db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ContestListItem extends TripleLabels {
  contest: ContestRow;
}

export async function listContests(
  db: Executor,
  input: { editionId: number; status?: ContestStatus },
): Promise<ContestListItem[]> {
  let query = db.selectFrom('contests').selectAll().where('edition_id', '=', input.editionId).orderBy('id');
  if (input.status) query = query.where('status', '=', input.status);
  const contests = await query.execute();
  const labelsOf = await labellerOf(db, contests);
  return contests.map((contest) => ({ ...labelsOf(contest), contest }));
}
