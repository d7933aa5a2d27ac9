import type { AuthorityKind } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

import type { RankingSort, SortDirection } from '../ranking-sorts.ts';

export type { RankingSort, SortDirection };

export interface RankingFilter {
  editionId: number;
  kind?: AuthorityKind;
  regionCode?: string;
  departementCode?: string;
  /** Peer group « kind:stratum » as stored (src/indicators/strata.ts). */
  peerGroup?: string;
  sort: RankingSort;
  direction: SortDirection;
  /** Omitted for the whole filtered list (the CSV download). */
  page?: { number: number; size: number };
}

export interface RankingRow {
  kind: AuthorityKind;
  code: string;
  name: string;
  regionCode: string | null;
  departementCode: string | null;
  population: number | null;
  peerGroup: string | null;
  index: number;
  indexPartial: boolean;
  rank: number;
  rankTotal: number;
  endToEnd: number;
  themesCovered: number;
  themesApplicable: number;
}

export interface RankingPage {
  total: number;
  rows: RankingRow[];
}

const SORT_COLUMN = {
  indice: 'i.index_score',
  nom: 'a.name',
  'bout-en-bout': 'i.end_to_end',
  thematiques: 'i.themes_covered',
  population: 'i.population',
} as const satisfies Record<RankingSort, string>;

/**
 * One page of an edition's stored indicators joined with the authorities, filtered and sorted
 * in SQL so that a page of 35,000 communes costs one indexed read, not a scan in memory.
 * Ties (and missing populations, last in both directions) fall back to name then code, so
 * pages never overlap.
 */
export async function rankingPage(db: Executor, filter: RankingFilter): Promise<RankingPage> {
  const byAuthority = Boolean(filter.regionCode || filter.departementCode);
  let query = db
    .selectFrom('authority_indicators as i')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .where('i.edition_id', '=', filter.editionId);
  // The count needs the authorities only to filter by place: 35 000 joins less otherwise.
  let counted = db.selectFrom('authority_indicators as i').where('i.edition_id', '=', filter.editionId);
  if (filter.kind) {
    query = query.where('i.kind', '=', filter.kind);
    counted = counted.where('i.kind', '=', filter.kind);
  }
  if (filter.peerGroup) {
    query = query.where('i.peer_group', '=', filter.peerGroup);
    counted = counted.where('i.peer_group', '=', filter.peerGroup);
  }
  if (filter.regionCode) query = query.where('a.region_code', '=', filter.regionCode);
  if (filter.departementCode) query = query.where('a.departement_code', '=', filter.departementCode);

  const column = SORT_COLUMN[filter.sort];
  let rowsQuery = query.select([
    'i.kind',
    'a.code',
    'a.name',
    'a.region_code',
    'a.departement_code',
    'i.population',
    'i.peer_group',
    'i.index_score',
    'i.index_partial',
    'i.rank',
    'i.rank_total',
    'i.end_to_end',
    'i.themes_covered',
    'i.themes_applicable',
  ]);
  if (filter.sort === 'indice' && filter.kind) {
    // Within a kind the rank is the competition rank of the index (never null): the same order,
    // read from the (edition, kind, rank) index up to the page instead of sorting every row.
    rowsQuery = rowsQuery.orderBy('i.rank', filter.direction === 'desc' ? 'asc' : 'desc');
  } else {
    rowsQuery = rowsQuery
      // Both engines sort NULL differently; this puts unknown populations last either way.
      .orderBy((eb) => eb.case().when(column, 'is', null).then(1).else(0).end())
      .orderBy(column, filter.direction);
  }
  rowsQuery = rowsQuery.orderBy('a.name').orderBy('a.code');
  if (filter.page) {
    rowsQuery = rowsQuery.limit(filter.page.size).offset((filter.page.number - 1) * filter.page.size);
  }
  const [{ total }, rows] = await Promise.all([
    (byAuthority ? query : counted)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
    rowsQuery.execute(),
  ]);
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      name: r.name,
      regionCode: r.region_code,
      departementCode: r.departement_code,
      population: r.population,
      peerGroup: r.peer_group,
      index: r.index_score,
      indexPartial: r.index_partial === 1,
      rank: r.rank,
      rankTotal: r.rank_total,
      endToEnd: r.end_to_end,
      themesCovered: r.themes_covered,
      themesApplicable: r.themes_applicable,
    })),
  };
}
