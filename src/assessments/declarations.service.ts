import { logChange } from '../audit-log/audit-log.repository.ts';
import type { AssessmentRow, ContestRow } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { appendAssessments, findAssessment } from './assessments.repository.ts';
import { createContest } from './contests.service.ts';
import { refuseDeclaration } from './declarations.rules.ts';
import { competencesOfAuthority, serviceForAuthority } from './review.repository.ts';
import { cleanText, levelOrRefusal } from './review.rules.ts';
import { optionalEvidenceUrl, orThrow, throwIfRefused, withLockedTriple } from './review.service.ts';

/**
 * Appends an authority's declaration of a service the crawler missed: source « declared », no
 * reviewer, in the review queue like a crawler proposal (AWAITING_REVIEW), and logged.
 */
export async function declareService(
  db: Executor,
  input: {
    editionId: number;
    authorityId: number;
    serviceId: number;
    level: number;
    evidenceUrl: string;
    comment?: string | null;
    /** E-mail of the representative, for the audit log and the assessment's evidence. */
    declaredBy: string;
  },
  now: Date,
): Promise<AssessmentRow> {
  const level = orThrow(levelOrRefusal(input.level));
  const evidenceUrl = optionalEvidenceUrl(input.evidenceUrl);
  const comment = cleanText(input.comment) ?? null;
  const { service, appliesToAuthority } = await serviceForAuthority(db, input.serviceId, input.authorityId);
  const triple = { editionId: input.editionId, authorityId: input.authorityId, serviceId: input.serviceId };
  return withLockedTriple(db, triple, async ({ trx, edition, current }) => {
    throwIfRefused(
      refuseDeclaration({
        edition,
        current,
        serviceAppliesToAuthority: appliesToAuthority,
        level,
        evidenceUrl: evidenceUrl ?? undefined,
      }),
    );
    const [declared] = await appendAssessments(
      trx,
      [
        {
          ...triple,
          level,
          source: 'declared',
          evidenceUrl,
          evidence: {
            declaration: { by: input.declaredBy, at: now.toISOString(), url: evidenceUrl, comment },
          },
          comment,
        },
      ],
      now,
    );
    if (!declared) throw new Error('appendAssessments returned no row');
    await logChange(
      trx,
      {
        actor: input.declaredBy,
        action: 'service_declared',
        entity: 'assessment',
        entityId: declared.id,
        before: current ? { id: current.id, level: current.level, source: current.source } : null,
        after: { id: declared.id, level, source: 'declared', service: service.key, evidenceUrl },
      },
      now,
    );
    return declared;
  });
}

/**
 * Files an authority's contest of one of its own assessments (createContest), logged. The
 * assessment must be the authority's: a representative names only their own authority's.
 */
export async function contestAsAuthority(
  db: Executor,
  input: {
    authorityId: number;
    assessmentId: number;
    justification: string;
    requestedLevel: number | null;
    contact: string;
  },
  now: Date,
): Promise<ContestRow> {
  const assessment = await findAssessment(db, input.assessmentId);
  if (!assessment || assessment.authority_id !== input.authorityId)
    throw new UserError(
      'not_found',
      `L’évaluation n° ${input.assessmentId} n’existe pas pour cette collectivité.`,
    );
  return inTransaction(db, async (trx) => {
    const contest = await createContest(trx, input, now);
    await logChange(
      trx,
      {
        actor: input.contact,
        action: 'contest_filed',
        entity: 'contest',
        entityId: contest.id,
        after: {
          assessmentId: contest.assessment_id,
          requestedLevel: contest.requested_level,
          justification: contest.justification,
        },
      },
      now,
    );
    return contest;
  });
}

/** Services of a referential version the authority exercises, in order: what it may declare. */
export async function declarableServices(
  db: Executor,
  authorityId: number,
  referentialVersion: string,
): Promise<{ id: number; name: string; themeName: string }[]> {
  const competences = await competencesOfAuthority(db, authorityId);
  const rows = await db
    .selectFrom('services as s')
    .innerJoin('themes as t', (join) =>
      join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
    )
    .select(['s.id', 's.name', 's.applies_to', 't.name as themeName'])
    .where('s.referential_version', '=', referentialVersion)
    .orderBy('t.position')
    .orderBy('s.position')
    .execute();
  return rows
    .filter((row) => (JSON.parse(row.applies_to) as string[]).some((kind) => competences.includes(kind)))
    .map(({ id, name, themeName }) => ({ id, name, themeName }));
}

/** An authority's contests in an edition, oldest first: what its space lists. */
export async function contestsOfAuthority(
  db: Executor,
  editionId: number,
  authorityId: number,
): Promise<ContestRow[]> {
  return db
    .selectFrom('contests')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('authority_id', '=', authorityId)
    .orderBy('id')
    .execute();
}
