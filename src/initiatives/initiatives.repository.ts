import { lockForTransaction } from '../db/dialect.ts';
import type {
  AuthorityKind,
  InitiativeClassificationSource,
  InitiativeProgress,
  ModerationDecision,
} from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { InitiativeFields, ModerationStatus } from './initiative.rules.ts';

/** Reads and writes of the initiatives registry. Classifications are appended, never updated. */

export interface NewInitiative extends InitiativeFields {
  authorityId: number;
  source: string;
  submittedBy: string;
}

export async function insertInitiative(db: Executor, initiative: NewInitiative, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('initiatives')
    .values({
      authority_id: initiative.authorityId,
      title: initiative.title,
      description: initiative.description,
      year: initiative.year,
      url: initiative.url,
      progress: initiative.progress,
      contact: initiative.contact,
      source: initiative.source,
      submitted_by: initiative.submittedBy,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertModeration(
  db: Executor,
  moderation: {
    initiativeId: number;
    decision: ModerationDecision;
    moderator: string;
    reason: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('initiative_moderations')
    .values({
      initiative_id: moderation.initiativeId,
      decision: moderation.decision,
      moderator: moderation.moderator,
      reason: moderation.reason,
      created_at: now.toISOString(),
    })
    .execute();
}

export interface ClassificationInput {
  initiativeId: number;
  source: InitiativeClassificationSource;
  /** Ordered, main domain first. */
  domains: readonly { domain: string; confidence: number | null }[];
  classifierVersion?: string | null;
  analyst?: string | null;
  comment?: string | null;
  evidence: Record<string, unknown>;
}

/**
 * Appends a classification superseding the current one (if any). Writers on one initiative are
 * serialised; the unique chain indexes make a writer that bypassed the lock fail, not fork.
 * `firstOfNew` marks the first classification of an initiative inserted in the same
 * transaction: no one else can see it yet, so neither lock nor lookup is needed (and an
 * import of thousands of rows must not hold thousands of advisory locks on PostgreSQL).
 */
export async function appendClassification(
  db: Executor,
  input: ClassificationInput,
  now: Date,
  options: { firstOfNew?: boolean } = {},
): Promise<number> {
  return inTransaction(db, async (trx) => {
    let supersedes: number | null = null;
    if (!options.firstOfNew) {
      await lockForTransaction(trx, `initiative-classification:${input.initiativeId}`);
      const current = await trx
        .selectFrom('current_initiative_classifications')
        .select('id')
        .where('initiative_id', '=', input.initiativeId)
        .executeTakeFirst();
      supersedes = current?.id ?? null;
    }
    const { id } = await trx
      .insertInto('initiative_classifications')
      .values({
        initiative_id: input.initiativeId,
        source: input.source,
        classifier_version: input.classifierVersion ?? null,
        analyst: input.analyst ?? null,
        comment: input.comment ?? null,
        evidence: JSON.stringify(input.evidence),
        supersedes_id: supersedes,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('initiative_classification_domains')
      .values(
        input.domains.map((entry, index) => ({
          classification_id: id,
          domain: entry.domain,
          rank: index + 1,
          confidence: entry.confidence,
        })),
      )
      .execute();
    return id;
  });
}

export interface InitiativeSummary {
  id: number;
  title: string;
  year: number;
  progress: InitiativeProgress;
  status: ModerationStatus;
  authorityId: number;
  authorityName: string;
  authorityKind: AuthorityKind;
  authorityCode: string;
  /** Current domains, main first. */
  domains: string[];
}

export interface InitiativeFilter {
  status?: ModerationStatus;
  authorityId?: number;
  year?: number;
  domain?: string;
  limit?: number;
}

export async function listInitiatives(
  db: Executor,
  filter: InitiativeFilter = {},
): Promise<InitiativeSummary[]> {
  let query = db
    .selectFrom('initiatives as i')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .leftJoin('initiative_moderations as m', 'm.initiative_id', 'i.id')
    .select([
      'i.id',
      'i.title',
      'i.year',
      'i.progress',
      'm.decision',
      'a.id as authorityId',
      'a.name as authorityName',
      'a.kind as authorityKind',
      'a.code as authorityCode',
    ])
    .orderBy('i.year', 'desc')
    .orderBy('i.id');
  if (filter.status === 'submitted') query = query.where('m.decision', 'is', null);
  else if (filter.status !== undefined) query = query.where('m.decision', '=', filter.status);
  if (filter.authorityId !== undefined) query = query.where('i.authority_id', '=', filter.authorityId);
  if (filter.year !== undefined) query = query.where('i.year', '=', filter.year);
  if (filter.domain !== undefined) {
    const domain = filter.domain;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('current_initiative_classifications as c')
          .innerJoin('initiative_classification_domains as d', 'd.classification_id', 'c.id')
          .select('d.domain')
          .whereRef('c.initiative_id', '=', 'i.id')
          .where('d.domain', '=', domain),
      ),
    );
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query.execute();
  const domains = await currentDomains(
    db,
    rows.map((row) => row.id),
  );
  return rows.map(({ decision, ...row }) => ({
    ...row,
    status: decision ?? 'submitted',
    domains: domains.get(row.id) ?? [],
  }));
}

/** Current domains of initiatives, main first. */
async function currentDomains(db: Executor, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byInitiative = new Map<number, string[]>();
  // Chunks keep the parameter list within SQLite's limit.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('current_initiative_classifications as c')
      .innerJoin('initiative_classification_domains as d', 'd.classification_id', 'c.id')
      .select(['c.initiative_id', 'd.domain'])
      .where('c.initiative_id', 'in', ids.slice(start, start + 500))
      .orderBy('c.initiative_id')
      .orderBy('d.rank')
      .execute();
    for (const row of rows) {
      const list = byInitiative.get(row.initiative_id) ?? [];
      list.push(row.domain);
      byInitiative.set(row.initiative_id, list);
    }
  }
  return byInitiative;
}

export async function findInitiative(db: Executor, id: number) {
  return db
    .selectFrom('initiatives as i')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .leftJoin('initiative_moderations as m', 'm.initiative_id', 'i.id')
    .selectAll('i')
    .select([
      'a.name as authority_name',
      'a.kind as authority_kind',
      'a.code as authority_code',
      'm.decision',
      'm.moderator',
      'm.reason as moderation_reason',
      'm.created_at as moderated_at',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export interface ClassificationRecord {
  id: number;
  source: InitiativeClassificationSource;
  classifierVersion: string | null;
  analyst: string | null;
  comment: string | null;
  evidence: Record<string, unknown>;
  supersedesId: number | null;
  createdAt: string;
  domains: { domain: string; confidence: number | null }[];
}

/** Every classification of an initiative, oldest first. */
export async function classificationHistory(
  db: Executor,
  initiativeId: number,
): Promise<ClassificationRecord[]> {
  const rows = await db
    .selectFrom('initiative_classifications')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const domains = await db
    .selectFrom('initiative_classification_domains')
    .selectAll()
    .where(
      'classification_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('classification_id')
    .orderBy('rank')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    classifierVersion: row.classifier_version,
    analyst: row.analyst,
    comment: row.comment,
    evidence: JSON.parse(row.evidence) as Record<string, unknown>,
    supersedesId: row.supersedes_id,
    createdAt: row.created_at,
    domains: domains
      .filter((entry) => entry.classification_id === row.id)
      .map((entry) => ({ domain: entry.domain, confidence: entry.confidence })),
  }));
}

/** Identity keys (authority, year, folded title) of the initiatives already stored. */
export async function storedInitiativeKeys(
  db: Executor,
): Promise<{ authorityId: number; year: number; title: string }[]> {
  return db.selectFrom('initiatives').select(['authority_id as authorityId', 'year', 'title']).execute();
}
