import type { ChangeStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

/** One authority in one edition with computed indicators, for its scorecard's history. */
export interface AuthorityHistoryEntry {
  year: number;
  index: number;
  indexPartial: boolean;
  endToEnd: number;
  rank: number;
  rankTotal: number;
  /** Against the previous computed edition: « not_comparable » when the referential or method changed. */
  changeStatus: ChangeStatus;
}

/**
 * The authority's stored indicators in every edition that has them, oldest first. Looked up
 * edition by edition through the (edition, authority) primary key rather than by authority
 * alone, which no index leads with.
 */
export async function authorityHistory(db: Executor, authorityId: number): Promise<AuthorityHistoryEntry[]> {
  const rows = await db
    .selectFrom('authority_indicators as i')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .select([
      'e.year',
      'i.index_score',
      'i.index_partial',
      'i.end_to_end',
      'i.rank',
      'i.rank_total',
      'i.change_status',
    ])
    .where('i.edition_id', 'in', (eb) => eb.selectFrom('editions').select('id'))
    .where('i.authority_id', '=', authorityId)
    .orderBy('e.year')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    index: r.index_score,
    indexPartial: r.index_partial === 1,
    endToEnd: r.end_to_end,
    rank: r.rank,
    rankTotal: r.rank_total,
    changeStatus: r.change_status,
  }));
}
