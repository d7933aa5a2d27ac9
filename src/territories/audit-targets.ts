import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { CompetenceKind } from '../referential/referential.schema.ts';

export interface AuditTarget {
  authorityId: number;
  kind: AuthorityKind;
  code: string;
  name: string;
  competences: CompetenceKind[];
  websiteUrl: string;
}

/** Authorities that have a current website, optionally restricted to some ids or to one kind. */
export async function listAuditTargets(
  db: Executor,
  filter: { authorityIds?: readonly number[]; kind?: AuthorityKind },
): Promise<AuditTarget[]> {
  let query = db
    .selectFrom('authorities as a')
    .innerJoin('authority_websites as w', (join) =>
      join.onRef('w.authority_id', '=', 'a.id').on('w.retired_at', 'is', null),
    )
    .select(['a.id', 'a.kind', 'a.code', 'a.name', 'a.competences', 'w.url'])
    .orderBy('a.kind')
    .orderBy('a.code');
  if (filter.authorityIds)
    query = query.where('a.id', 'in', filter.authorityIds.length > 0 ? filter.authorityIds : [-1]);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  const rows = await query.execute();
  return rows.map((row) => ({
    authorityId: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    competences: JSON.parse(row.competences) as CompetenceKind[],
    websiteUrl: row.url,
  }));
}
