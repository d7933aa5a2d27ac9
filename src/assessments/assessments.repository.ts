import type { AssessmentRow, AssessmentSource } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { DigitalisationLevel } from '../referential/levels.ts';

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

const TRIPLE_RETRIES = 5;

/**
 * Appends an assessment for (edition, authority, service). The previous current one stays,
 * superseded by the new row: history is never overwritten. Two writers racing on the same
 * triple are serialised by the unique indexes; the loser re-reads the chain and appends after
 * the winner, so no assessment is lost.
 */
export async function recordAssessment(
  db: Executor,
  input: AssessmentInput,
  now: Date,
): Promise<AssessmentRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, async (trx) => {
        const current = await currentAssessment(trx, input);
        return trx
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
          .executeTakeFirstOrThrow();
      });
    } catch (error) {
      if (attempt >= TRIPLE_RETRIES || !isUniqueViolation(error)) throw error;
    }
  }
}

type Triple = Pick<AssessmentInput, 'editionId' | 'authorityId' | 'serviceId'>;

export async function currentAssessment(db: Executor, triple: Triple): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom('current_assessments')
    .selectAll()
    .where('edition_id', '=', triple.editionId)
    .where('authority_id', '=', triple.authorityId)
    .where('service_id', '=', triple.serviceId)
    .executeTakeFirst();
}

/** Every assessment of a triple, oldest first. */
export async function assessmentHistory(db: Executor, triple: Triple): Promise<AssessmentRow[]> {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('edition_id', '=', triple.editionId)
    .where('authority_id', '=', triple.authorityId)
    .where('service_id', '=', triple.serviceId)
    .orderBy('id')
    .execute();
}

export async function currentAssessmentsOfAuthority(
  db: Executor,
  editionId: number,
  authorityId: number,
): Promise<AssessmentRow[]> {
  return db
    .selectFrom('current_assessments')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('authority_id', '=', authorityId)
    .orderBy('service_id')
    .execute();
}

/** SQLite says SQLITE_CONSTRAINT_UNIQUE, PostgreSQL says 23505. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
