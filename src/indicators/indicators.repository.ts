import { setImmediate } from 'node:timers/promises';
import { type Insertable, type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../db/dialect.ts';
import { postgresArrayLiteral } from '../db/postgres-array-literal.ts';
import type {
  AuthorityIndicatorsTable,
  AuthorityKind,
  IndicatorRunRow,
  IndicatorRunsTable,
} from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { AuthorityIndicators } from './indicators.types.ts';

/**
 * Storage of computed indicators: the run and one row per authority. Writes go in batches,
 * never one round trip per authority: on SQLite, statements of a few hundred rows; on
 * PostgreSQL, one statement per batch whose columns travel as arrays (`unnest`), because
 * parsing and binding tens of thousands of parameters cost PostgreSQL more than the insert
 * itself. The arrays go as literals written from JSON (postgres-array-literal.ts). Reading the
 * rows from one JSON text instead moved the cost to the server: json_populate_recordset took a
 * second there. The PostgreSQL batches are pipelined (see `pipelined`).
 */

/** Rows per SQLite insert: 35 columns × 400 stays far below its bound-parameter limit. */
const BATCH = 400;
/**
 * Rows per PostgreSQL insert: each column travels as one array parameter. Small enough for the
 * server to start on the first batch early, large enough that per-statement costs stay negligible.
 */
const ARRAY_BATCH = 4_000;

/**
 * How each stored column is read from an authority's indicators, with its PostgreSQL element type
 * for the arrays `unnest` reads. Columns are written from these getters, a column at a time on
 * PostgreSQL: no intermediate row objects for tens of thousands of authorities.
 */
type StoredColumns = Omit<AuthorityIndicatorsTable, 'edition_id'>;
const COLUMNS: {
  [C in keyof StoredColumns]: { type: string; of: (a: AuthorityIndicators) => StoredColumns[C] };
} = {
  authority_id: { type: 'integer', of: (a) => a.authorityId },
  kind: { type: 'text', of: (a) => a.kind },
  peer_group: { type: 'text', of: (a) => a.peerGroup },
  population: { type: 'integer', of: (a) => a.population },
  operating_revenue: { type: 'double precision', of: (a) => a.operatingRevenue },
  revenue_year: { type: 'integer', of: (a) => a.revenueYear },
  revenue_per_inhabitant: { type: 'double precision', of: (a) => a.revenuePerInhabitant },
  has_website: { type: 'integer', of: (a) => (a.hasWebsite ? 1 : 0) },
  services_applicable: { type: 'integer', of: (a) => a.servicesApplicable },
  services_assessed: { type: 'integer', of: (a) => a.servicesAssessed },
  level_0: { type: 'integer', of: (a) => a.levels[0] },
  level_1: { type: 'integer', of: (a) => a.levels[1] },
  level_2: { type: 'integer', of: (a) => a.levels[2] },
  level_3: { type: 'integer', of: (a) => a.levels[3] },
  level_4: { type: 'integer', of: (a) => a.levels[4] },
  end_to_end: { type: 'integer', of: (a) => a.endToEnd },
  partial: { type: 'integer', of: (a) => a.partial },
  themes_applicable: { type: 'integer', of: (a) => a.themesApplicable },
  themes_covered: { type: 'integer', of: (a) => a.themesCovered },
  theme_rates: { type: 'text', of: (a) => JSON.stringify(a.themeRates) },
  portal_score: { type: 'double precision', of: (a) => a.portalScore },
  portal_checks: { type: 'integer', of: (a) => a.portalChecks },
  index_score: { type: 'double precision', of: (a) => a.index },
  index_partial: { type: 'integer', of: (a) => (a.indexPartial ? 1 : 0) },
  rank: { type: 'integer', of: (a) => a.rank },
  rank_total: { type: 'integer', of: (a) => a.rankTotal },
  peer_rank: { type: 'integer', of: (a) => a.peerRank },
  peer_total: { type: 'integer', of: (a) => a.peerTotal },
  percentile: { type: 'double precision', of: (a) => a.percentile },
  previous_index: { type: 'double precision', of: (a) => a.change.previousIndex },
  index_change: { type: 'double precision', of: (a) => a.change.indexChange },
  previous_end_to_end: { type: 'integer', of: (a) => a.change.previousEndToEnd },
  end_to_end_change: { type: 'integer', of: (a) => a.change.endToEndChange },
  change_status: { type: 'text', of: (a) => a.change.status },
};
const COLUMN_LIST: readonly {
  name: keyof StoredColumns;
  type: string;
  of: (a: AuthorityIndicators) => string | number | null;
}[] = (Object.keys(COLUMNS) as (keyof StoredColumns)[]).map((name) => ({ name, ...COLUMNS[name] }));

export async function deleteIndicatorRun(db: Executor, editionId: number): Promise<void> {
  await db.deleteFrom('indicator_runs').where('edition_id', '=', editionId).execute();
}

export async function insertIndicatorRun(db: Executor, run: Insertable<IndicatorRunsTable>): Promise<void> {
  await db.insertInto('indicator_runs').values(run).execute();
}

/**
 * Makes `authorities` the edition's stored indicators: rows of authorities no longer among them
 * are deleted, the others written over in place (insert or update on the key). Updating in place
 * costs PostgreSQL a third less than deleting and inserting again: a row whose key does not change
 * needs no foreign-key checks, and a recompute (after every round of reviews) finds its rows there.
 *
 * `meanwhile` is work for this process while the server writes (its result is returned). On
 * PostgreSQL it runs once the first statement, the largest, is on the server and the second one
 * written, so that the server never waits for it long (see `pipelined`).
 */
export async function writeAuthorityIndicators<T>(
  db: Executor,
  editionId: number,
  authorities: readonly AuthorityIndicators[],
  meanwhile: () => T = () => undefined as T,
): Promise<T> {
  const ids = authorities.map((a) => a.authorityId);
  if (isPostgres(db)) {
    const statements: (() => RawBuilder<unknown>)[] = [];
    // At least one statement, even without any authority: the first carries the delete.
    for (let start = 0; start < Math.max(1, authorities.length); start += ARRAY_BATCH) {
      const batch = authorities.slice(start, start + ARRAY_BATCH);
      const rows = () => {
        const arrays = COLUMN_LIST.map(
          (column) => sql`${postgresArrayLiteral(batch.map(column.of))}::${sql.raw(column.type)}[]`,
        );
        return sql`select ${editionId}::integer, * from unnest(${sql.join(arrays)})`;
      };
      statements.push(
        start === 0
          ? // The first statement also deletes the rows of authorities that left the panel.
            () => sql`with gone as (
                delete from authority_indicators where edition_id = ${editionId}
                  and authority_id <> all(${postgresArrayLiteral(ids)}::integer[]))
              ${upsert(rows())}`
          : () => upsert(rows()),
      );
    }
    return pipelined(db, statements, meanwhile);
  }
  return inTransaction(db, async (trx) => {
    await sql`delete from authority_indicators
      where edition_id = ${editionId} and authority_id not in (select value from json_each(${JSON.stringify(ids)}))`.execute(
      trx,
    );
    for (let start = 0; start < authorities.length; start += BATCH) {
      const rows = authorities
        .slice(start, start + BATCH)
        .map((a) => sql`(${editionId}, ${sql.join(COLUMN_LIST.map((column) => column.of(a)))})`);
      await upsert(sql`values ${sql.join(rows)}`).execute(trx);
    }
    return meanwhile();
  });
}

/** Inserts the rows `source` gives, or updates every column but the key where the row exists. */
function upsert(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into authority_indicators (edition_id, ${sql.join(COLUMN_LIST.map((c) => sql.ref(c.name)))})
    ${source}
    on conflict (edition_id, authority_id) do update set ${sql.join(
      COLUMN_LIST.filter((c) => c.name !== 'authority_id').map(
        (c) => sql`${sql.ref(c.name)} = excluded.${sql.ref(c.name)}`,
      ),
    )}`;
}

/**
 * Runs statements in order on one connection, each written only once the previous one has left
 * for the server: writing a statement here and running the previous one there overlap instead of
 * taking turns. `meanwhile` runs after the second statement is written, while the first runs.
 * Returns what `meanwhile` returns once all have run; rejects with the first failure.
 */
async function pipelined<T>(
  db: Executor,
  statements: readonly (() => RawBuilder<unknown>)[],
  meanwhile: () => T,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const running: Promise<unknown>[] = [];
    let result: { value: T } | undefined;
    for (const statement of statements) {
      const execution = statement().execute(trx);
      // Handled at once (Promise.all below reports it), so that a statement failing while the
      // next one is written is never an unhandled rejection.
      execution.catch(() => undefined);
      running.push(execution);
      if (running.length === 2) result = { value: meanwhile() };
      // Letting the event loop turn sends this statement before the next one is written.
      await setImmediate();
    }
    result ??= { value: meanwhile() };
    await Promise.all(running);
    return result.value;
  });
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
