import type { Transaction } from 'kysely';
import { isPostgres, lockForTransaction } from '../db/dialect.ts';
import type { AssessmentRow, AssessmentSource, Schema } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { DigitalisationLevel } from '../referential/levels.ts';
import { UserError } from '../shared/errors.ts';

export interface AssessmentInput {
  editionId: number;
  authorityId: number;
  serviceId: number;
  level: DigitalisationLevel;
  source: AssessmentSource;
  channel?: string | null;
  platform?: string | null;
  evidenceUrl?: string | null;
  evidence?: Record<string, unknown>;
  confidence?: number | null;
  reviewer?: string | null;
  comment?: string | null;
}

/**
 * Appends an assessment for (edition, authority, service). The previous current one stays,
 * superseded by the new row: history is never overwritten.
 */
export async function recordAssessment(
  db: Executor,
  input: AssessmentInput,
  now: Date,
): Promise<AssessmentRow> {
  const [row] = await appendAssessments(db, [input], now);
  if (!row) throw new Error('appendAssessments returned no row');
  return row;
}

/**
 * Appends several assessments in one transaction (at most one per triple). Writers on the same
 * triple are serialised by a lock, so each appends after the previous one and none is lost;
 * the unique indexes on the chain make any writer that bypassed the lock fail rather than fork
 * history. A published edition is frozen: appending to it is refused, except the assessment a
 * pending erratum announces (docs/review-workflow.md); database triggers enforce the same rule.
 */
export async function appendAssessments(
  db: Executor,
  inputs: readonly AssessmentInput[],
  now: Date,
): Promise<AssessmentRow[]> {
  if (inputs.length === 0) return [];
  return inTransaction(db, async (trx) => {
    // Locks in a fixed order, so two batches over the same triples cannot deadlock.
    const ordered = [...inputs].sort(
      (a, b) => a.editionId - b.editionId || a.authorityId - b.authorityId || a.serviceId - b.serviceId,
    );
    for (const input of ordered) await lockAssessmentTriple(trx, input);
    const publishedYears = await publishedEditionYears(trx, inputs);
    const rows: AssessmentRow[] = [];
    for (const input of inputs) {
      const current = await currentAssessment(trx, input);
      const publishedYear = publishedYears.get(input.editionId);
      if (publishedYear !== undefined && !(await erratumAwaits(trx, input, current?.id ?? null))) {
        throw new UserError(
          'conflict',
          `L’édition ${publishedYear} est publiée : ses évaluations sont figées. ` +
            'Une correction passe par un erratum (barometre erratum create) ou par l’édition suivante.',
        );
      }
      rows.push(
        await trx
          .insertInto('assessments')
          .values({
            edition_id: input.editionId,
            authority_id: input.authorityId,
            service_id: input.serviceId,
            level: input.level,
            source: input.source,
            channel: input.channel ?? null,
            platform: input.platform ?? null,
            evidence_url: input.evidenceUrl ?? null,
            evidence: JSON.stringify(input.evidence ?? {}),
            confidence: input.confidence ?? null,
            reviewer: input.reviewer ?? null,
            comment: input.comment ?? null,
            supersedes_id: current?.id ?? null,
            created_at: now.toISOString(),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    }
    return rows;
  });
}

export type Triple = Pick<AssessmentInput, 'editionId' | 'authorityId' | 'serviceId'>;

/**
 * Serialises, until the transaction ends, every writer of the chain of (edition, authority,
 * service): appends, reviews, errata. Take it before reading the current assessment you mean
 * to supersede.
 */
export async function lockAssessmentTriple(trx: Transaction<Schema>, triple: Triple): Promise<void> {
  await lockForTransaction(trx, `assessment:${triple.editionId}:${triple.authorityId}:${triple.serviceId}`);
}

/**
 * Years of the published editions among the inputs'. On PostgreSQL the rows are read `for
 * share`, so a publication in progress is waited for and seen, and cannot commit before this
 * transaction ends.
 */
async function publishedEditionYears(
  trx: Transaction<Schema>,
  inputs: readonly AssessmentInput[],
): Promise<Map<number, number>> {
  const ids = [...new Set(inputs.map((input) => input.editionId))];
  let query = trx.selectFrom('editions').select(['id', 'year', 'status']).where('id', 'in', ids);
  if (isPostgres(trx)) query = query.forShare();
  const editions = await query.execute();
  return new Map(editions.filter((e) => e.status === 'published').map((e) => [e.id, e.year]));
}

/** Whether an erratum written in this transaction announces exactly this assessment. */
async function erratumAwaits(
  trx: Transaction<Schema>,
  input: AssessmentInput,
  supersedesId: number | null,
): Promise<boolean> {
  const erratum = await trx
    .selectFrom('errata')
    .select(['level_after', 'before_assessment_id'])
    .where('edition_id', '=', input.editionId)
    .where('authority_id', '=', input.authorityId)
    .where('service_id', '=', input.serviceId)
    .where('assessment_id', 'is', null)
    .executeTakeFirst();
  return erratum?.level_after === input.level && erratum.before_assessment_id === supersedesId;
}

function ofTriple(db: Executor, table: 'assessments' | 'current_assessments', triple: Triple) {
  return db
    .selectFrom(table)
    .selectAll()
    .where('edition_id', '=', triple.editionId)
    .where('authority_id', '=', triple.authorityId)
    .where('service_id', '=', triple.serviceId);
}

export async function currentAssessment(db: Executor, triple: Triple): Promise<AssessmentRow | undefined> {
  return ofTriple(db, 'current_assessments', triple).executeTakeFirst();
}

/** Every assessment of a triple, oldest first. */
export async function assessmentHistory(db: Executor, triple: Triple): Promise<AssessmentRow[]> {
  return ofTriple(db, 'assessments', triple).orderBy('id').execute();
}

export interface AssessedService {
  serviceKey: string;
  serviceName: string;
  themeKey: string;
  themeName: string;
  assessment: AssessmentRow;
}

/** The current assessment of each service of an authority, in referential order. */
export async function assessedServicesOfAuthority(
  db: Executor,
  editionId: number,
  authorityId: number,
): Promise<AssessedService[]> {
  const rows = await db
    .selectFrom('current_assessments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('themes as t', (join) =>
      join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
    )
    .selectAll('a')
    .select(['s.key as service_key', 's.name as service_name', 't.key as theme_key', 't.name as theme_name'])
    .where('a.edition_id', '=', editionId)
    .where('a.authority_id', '=', authorityId)
    .orderBy('t.position')
    .orderBy('s.position')
    .execute();
  return rows.map(({ service_key, service_name, theme_key, theme_name, ...assessment }) => ({
    serviceKey: service_key,
    serviceName: service_name,
    themeKey: theme_key,
    themeName: theme_name,
    assessment,
  }));
}

export async function findAssessment(db: Executor, id: number): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
}
