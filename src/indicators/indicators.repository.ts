import { type Insertable, sql } from 'kysely';
import { isPostgres } from '../db/dialect.ts';
import { postgresArrayLiteral } from '../db/postgres-array-literal.ts';
import type {
  AuthorityIndicatorsTable,
  AuthorityKind,
  IndicatorRunRow,
  IndicatorRunsTable,
} from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { AuthorityIndicators } from './indicators.types.ts';

/**
 * Storage of computed indicators: the run and one row per authority. Writes go in batches,
 * never one round trip per authority: on SQLite, statements of a few hundred rows; on
 * PostgreSQL, one statement per batch whose columns travel as arrays (`unnest`), because
 * parsing and binding tens of thousands of parameters cost PostgreSQL more than the insert
 * itself. The arrays go as literals written from JSON (postgres-array-literal.ts). Reading the
 * rows from one JSON text instead moved the cost to the server: json_populate_recordset took a
 * second there.
 */

/** Rows per SQLite insert: 35 columns × 400 stays far below its bound-parameter limit. */
const BATCH = 400;
/** Rows per PostgreSQL insert: each column travels as one array parameter. */
const ARRAY_BATCH = 20_000;

/** PostgreSQL element type of each column, for the arrays `unnest` reads. */
const COLUMN_TYPES: Record<keyof AuthorityIndicatorsTable, string> = {
  edition_id: 'integer',
  authority_id: 'integer',
  kind: 'text',
  peer_group: 'text',
  population: 'integer',
  operating_revenue: 'double precision',
  revenue_year: 'integer',
  revenue_per_inhabitant: 'double precision',
  has_website: 'integer',
  services_applicable: 'integer',
  services_assessed: 'integer',
  level_0: 'integer',
  level_1: 'integer',
  level_2: 'integer',
  level_3: 'integer',
  level_4: 'integer',
  end_to_end: 'integer',
  partial: 'integer',
  themes_applicable: 'integer',
  themes_covered: 'integer',
  theme_rates: 'text',
  portal_score: 'double precision',
  portal_checks: 'integer',
  index_score: 'double precision',
  index_partial: 'integer',
  rank: 'integer',
  rank_total: 'integer',
  peer_rank: 'integer',
  peer_total: 'integer',
  percentile: 'double precision',
  previous_index: 'double precision',
  index_change: 'double precision',
  previous_end_to_end: 'integer',
  end_to_end_change: 'integer',
  change_status: 'text',
};
const COLUMNS = Object.keys(COLUMN_TYPES) as (keyof AuthorityIndicatorsTable)[];

export async function deleteEditionIndicators(db: Executor, editionId: number): Promise<void> {
  await db.deleteFrom('authority_indicators').where('edition_id', '=', editionId).execute();
  await db.deleteFrom('indicator_runs').where('edition_id', '=', editionId).execute();
}

export async function insertIndicatorRun(db: Executor, run: Insertable<IndicatorRunsTable>): Promise<void> {
  await db.insertInto('indicator_runs').values(run).execute();
}

export async function insertAuthorityIndicators(
  db: Executor,
  editionId: number,
  authorities: readonly AuthorityIndicators[],
): Promise<void> {
  if (isPostgres(db)) {
    for (let start = 0; start < authorities.length; start += ARRAY_BATCH) {
      const rows = authorities.slice(start, start + ARRAY_BATCH).map((a) => toRow(editionId, a));
      const arrays = COLUMNS.map(
        (column) =>
          sql`${postgresArrayLiteral(rows.map((row) => row[column]))}::${sql.raw(COLUMN_TYPES[column])}[]`,
      );
      await sql`insert into authority_indicators (${sql.join(COLUMNS.map((c) => sql.ref(c)))})
        select * from unnest(${sql.join(arrays)})`.execute(db);
    }
    return;
  }
  for (let start = 0; start < authorities.length; start += BATCH) {
    const batch = authorities.slice(start, start + BATCH).map((a) => toRow(editionId, a));
    await db.insertInto('authority_indicators').values(batch).execute();
  }
}

export async function findIndicatorRun(
  db: Executor,
  editionId: number,
): Promise<IndicatorRunRow | undefined> {
  return db.selectFrom('indicator_runs').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
}

/** The latest edition before `year` whose indicators were computed, with its run. */
export async function previousComputedEdition(
  db: Executor,
  year: number,
): Promise<{ editionId: number; year: number; run: IndicatorRunRow } | undefined> {
  const row = await db
    .selectFrom('indicator_runs as r')
    .innerJoin('editions as e', 'e.id', 'r.edition_id')
    .selectAll('r')
    .select('e.year')
    .where('e.year', '<', year)
    .orderBy('e.year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { year: previousYear, ...run } = row;
  return { editionId: run.edition_id, year: previousYear, run };
}

/** Index and end-to-end count of each authority in an edition's stored results. */
export async function storedHeadlines(
  db: Executor,
  editionId: number,
): Promise<Map<number, { index: number; endToEnd: number }>> {
  const rows = await db
    .selectFrom('authority_indicators')
    .select(['authority_id', 'index_score', 'end_to_end'])
    .where('edition_id', '=', editionId)
    .execute();
  return new Map(rows.map((r) => [r.authority_id, { index: r.index_score, endToEnd: r.end_to_end }]));
}

export async function loadAuthorityIndicators(
  db: Executor,
  editionId: number,
  filter: { kind?: AuthorityKind; peerGroup?: string; authorityIds?: readonly number[] } = {},
): Promise<AuthorityIndicators[]> {
  let query = db
    .selectFrom('authority_indicators as i')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .selectAll('i')
    .select(['a.code', 'a.name'])
    .where('i.edition_id', '=', editionId);
  if (filter.kind) query = query.where('i.kind', '=', filter.kind);
  if (filter.peerGroup) query = query.where('i.peer_group', '=', filter.peerGroup);
  if (filter.authorityIds) {
    if (filter.authorityIds.length === 0) return [];
    query = query.where('i.authority_id', 'in', filter.authorityIds);
  }
  const rows = await query.orderBy('i.kind').orderBy('i.rank').orderBy('a.code').execute();
  return rows.map(fromRow);
}

type StoredRow = AuthorityIndicatorsTable & { code: string; name: string };

function toRow(editionId: number, a: AuthorityIndicators): AuthorityIndicatorsTable {
  return {
    edition_id: editionId,
    authority_id: a.authorityId,
    kind: a.kind,
    peer_group: a.peerGroup,
    population: a.population,
    operating_revenue: a.operatingRevenue,
    revenue_year: a.revenueYear,
    revenue_per_inhabitant: a.revenuePerInhabitant,
    has_website: a.hasWebsite ? 1 : 0,
    services_applicable: a.servicesApplicable,
    services_assessed: a.servicesAssessed,
    level_0: a.levels[0],
    level_1: a.levels[1],
    level_2: a.levels[2],
    level_3: a.levels[3],
    level_4: a.levels[4],
    end_to_end: a.endToEnd,
    partial: a.partial,
    themes_applicable: a.themesApplicable,
    themes_covered: a.themesCovered,
    theme_rates: JSON.stringify(a.themeRates),
    portal_score: a.portalScore,
    portal_checks: a.portalChecks,
    index_score: a.index,
    index_partial: a.indexPartial ? 1 : 0,
    rank: a.rank,
    rank_total: a.rankTotal,
    peer_rank: a.peerRank,
    peer_total: a.peerTotal,
    percentile: a.percentile,
    previous_index: a.change.previousIndex,
    index_change: a.change.indexChange,
    previous_end_to_end: a.change.previousEndToEnd,
    end_to_end_change: a.change.endToEndChange,
    change_status: a.change.status,
  };
}

function fromRow(r: StoredRow): AuthorityIndicators {
  return {
    authorityId: r.authority_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    peerGroup: r.peer_group,
    population: r.population,
    operatingRevenue: r.operating_revenue,
    revenueYear: r.revenue_year,
    revenuePerInhabitant: r.revenue_per_inhabitant,
    hasWebsite: r.has_website === 1,
    servicesApplicable: r.services_applicable,
    servicesAssessed: r.services_assessed,
    levels: [r.level_0, r.level_1, r.level_2, r.level_3, r.level_4],
    endToEnd: r.end_to_end,
    partial: r.partial,
    themesApplicable: r.themes_applicable,
    themesCovered: r.themes_covered,
    themeRates: JSON.parse(r.theme_rates) as AuthorityIndicators['themeRates'],
    portalScore: r.portal_score,
    portalChecks: r.portal_checks,
    index: r.index_score,
    indexPartial: r.index_partial === 1,
    rank: r.rank,
    rankTotal: r.rank_total,
    peerRank: r.peer_rank,
    peerTotal: r.peer_total,
    percentile: r.percentile,
    change: {
      previousIndex: r.previous_index,
      indexChange: r.index_change,
      previousEndToEnd: r.previous_end_to_end,
      endToEndChange: r.end_to_end_change,
      status: r.change_status,
    },
  };
}
