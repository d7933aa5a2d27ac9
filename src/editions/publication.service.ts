import { disagreementsOfEdition, labellerOf, type TripleLabels } from '../assessments/review.repository.ts';
import { cleanText, levelOrRefusal, reviewerOrRefusal } from '../assessments/review.rules.ts';
import {
  appendReviewed,
  followedBy,
  optionalEvidenceUrl,
  orThrow,
  parseEvidence,
  type ReviewOutcome,
  requireEditionById,
  throwIfRefused,
  withLockedTriple,
} from '../assessments/review.service.ts';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type { AssessmentSource, EditionRow, ErratumRow } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { AssessmentChanged } from '../indicators/indicators-follow-up.ts';
import { UserError } from '../shared/errors.ts';
import { requireEdition } from './editions.service.ts';
import {
  type PublicationSummary,
  publicationWarnings,
  refuseErratum,
  refusePublication,
} from './publication.rules.ts';

/**
 * Publication freezes an edition's assessments; errata are the only, logged and visible way to
 * change one afterwards (docs/review-workflow.md).
 */

export interface PublicationResult {
  edition: EditionRow;
  summary: PublicationSummary;
  warnings: string[];
}

export async function publishEdition(
  db: Executor,
  input: { year: number; publisher: string },
  now: Date,
): Promise<PublicationResult> {
  const publisher = orThrow(reviewerOrRefusal(input.publisher));
  return inTransaction(db, async (trx) => {
    const edition = await requireEdition(trx, input.year);
    throwIfRefused(refusePublication({ ...edition, publishedAt: edition.published_at }));
    // The update takes the row lock: it waits for appenders that read the edition `for share`
    // and makes later ones wait, then see it published (PostgreSQL); SQLite has one writer.
    const updated = await trx
      .updateTable('editions')
      .set({ status: 'published', published_at: now.toISOString() })
      .where('id', '=', edition.id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!updated)
      throw new UserError('conflict', `L’édition ${input.year} vient d’être publiée par ailleurs.`);
    const summary = await summarize(trx, edition.id);
    await trx
      .insertInto('edition_publications')
      .values({
        edition_id: edition.id,
        published_by: publisher,
        published_at: now.toISOString(),
        summary: JSON.stringify(summary),
      })
      .execute();
    await logChange(
      trx,
      {
        actor: publisher,
        action: 'edition_published',
        entity: 'edition',
        entityId: edition.id,
        before: { year: edition.year, status: edition.status, publishedAt: edition.published_at },
        after: { year: updated.year, status: updated.status, publishedAt: updated.published_at, summary },
      },
      now,
    );
    return { edition: updated, summary, warnings: publicationWarnings(summary) };
  });
}

async function summarize(db: Executor, editionId: number): Promise<PublicationSummary> {
  const bySourceRows = await db
    .selectFrom('current_assessments')
    .select(['source', (eb) => eb.fn.countAll<number>().as('count')])
    .where('edition_id', '=', editionId)
    .groupBy('source')
    .execute();
  const bySource: Partial<Record<AssessmentSource, number>> = {};
  for (const row of bySourceRows) bySource[row.source] = Number(row.count);
  const { openContests } = await db
    .selectFrom('contests')
    .select((eb) => eb.fn.countAll<number>().as('openContests'))
    .where('edition_id', '=', editionId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    assessments: Object.values(bySource).reduce((sum, count) => sum + count, 0),
    bySource,
    openContests: Number(openContests),
    pendingDisagreements: (await disagreementsOfEdition(db, { editionId, pendingOnly: true })).length,
  };
}

export async function publicationOf(db: Executor, editionId: number) {
  return db
    .selectFrom('edition_publications')
    .selectAll()
    .where('edition_id', '=', editionId)
    .executeTakeFirst();
}

export interface ErratumOutcome extends ReviewOutcome {
  erratum: ErratumRow;
}

/**
 * Corrects an assessment of a published edition: the erratum is written first, then the
 * assessment it announces (the only one the frozen edition accepts), then linked to it.
 */
export async function recordErratum(
  db: Executor,
  input: {
    editionId: number;
    authorityId: number;
    serviceId: number;
    level: number;
    reason: string;
    author: string;
    evidenceUrl?: string | null;
    contestId?: number | null;
  },
  now: Date,
  afterChange?: AssessmentChanged,
): Promise<ErratumOutcome> {
  const author = orThrow(reviewerOrRefusal(input.author));
  const level = orThrow(levelOrRefusal(input.level));
  const reason = cleanText(input.reason);
  const evidenceUrl = optionalEvidenceUrl(input.evidenceUrl);
  const triple = { editionId: input.editionId, authorityId: input.authorityId, serviceId: input.serviceId };
  const outcome = await withLockedTriple(db, triple, async ({ trx, edition, current }) => {
    throwIfRefused(
      refuseErratum({
        edition,
        current: current && { ...current, evidenceUrl: current.evidence_url },
        level,
        reason,
        evidenceUrl,
      }),
    );
    const erratum = await trx
      .insertInto('errata')
      .values({
        edition_id: input.editionId,
        authority_id: input.authorityId,
        service_id: input.serviceId,
        before_assessment_id: current?.id ?? null,
        level_before: current?.level ?? null,
        level_after: level,
        evidence_url: evidenceUrl,
        reason: reason ?? '',
        author,
        contest_id: input.contestId ?? null,
        assessment_id: null,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const previousEvidence = current ? parseEvidence(current) : {};
    const earlier = Array.isArray(previousEvidence.analystEvidence) ? previousEvidence.analystEvidence : [];
    const outcome = await appendReviewed(
      trx,
      {
        assessment: {
          ...triple,
          level,
          source: 'analyst',
          channel: current?.channel ?? null,
          platform: current?.platform ?? null,
          evidenceUrl: evidenceUrl ?? current?.evidence_url ?? null,
          evidence: evidenceUrl
            ? {
                ...previousEvidence,
                analystEvidence: [
                  ...earlier,
                  { url: evidenceUrl, note: reason, by: author, at: now.toISOString() },
                ],
              }
            : previousEvidence,
          reviewer: author,
          comment: reason ?? null,
        },
        before: current,
        action: 'erratum',
        actor: author,
        details: { erratumId: erratum.id, ...(input.contestId ? { contestId: input.contestId } : {}) },
      },
      now,
    );
    const linked = await trx
      .updateTable('errata')
      .set({ assessment_id: outcome.assessment.id })
      .where('id', '=', erratum.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...outcome, erratum: linked };
  });
  // Published editions' indicators are frozen: `afterChange` leaves them as they are.
  return followedBy(outcome, outcome.assessment, afterChange);
}

export interface ErratumListItem extends TripleLabels {
  erratum: ErratumRow;
}

/** Every erratum of an edition, oldest first: they are published with it. */
export async function listErrata(db: Executor, editionId: number): Promise<ErratumListItem[]> {
  await requireEditionById(db, editionId);
  const errata = await db
    .selectFrom('errata')
    .selectAll()
    .where('edition_id', '=', editionId)
    .orderBy('id')
    .execute();
  const labelsOf = await labellerOf(db, errata);
  return errata.map((erratum) => ({ ...labelsOf(erratum), erratum }));
}
