import { sql } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import { postgresArrayLiteral } from '../../db/postgres-array-literal.ts';
import type { AuthorityKind } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

/**
 * The edition's panel: every authority linked to a site audited in one of the edition's runs,
 * or holding an assessment in the edition (docs/methodology.md, « Panel »), with what the
 * indicators need from the territories: competences, population, website, and the operating
 * revenue of the latest year up to the edition's year.
 */

export interface PanelAuthority {
  id: number;
  kind: AuthorityKind;
  code: string;
  name: string;
  competences: string[];
  /** The competences JSON as stored: the service-levels query matches authorities on it. */
  competencesKey: string;
  population: number | null;
  hasWebsite: boolean;
  operatingRevenue: number | null;
  revenueYear: number | null;
}

/**
 * `assessed`: authorities already known to hold an assessment in the edition (those the level
 * counts found), admitted without looking their assessments up: at national scale, 36 000 index
 * probes into the assessments were a tenth of the whole computation. The others are looked up.
 */
export async function panelOfEdition(
  db: Executor,
  edition: { id: number; year: number },
  assessed: readonly number[] = [],
): Promise<PanelAuthority[]> {
  const known = isPostgres(db)
    ? sql<boolean>`a.id = any(${postgresArrayLiteral(assessed)}::integer[])`
    : sql<boolean>`a.id in (select value from json_each(${JSON.stringify(assessed)}))`;
  const audited = sql<boolean>`exists (
    select 1 from audit_site_authorities l
    join audit_sites s on s.id = l.site_id
    join audit_runs r on r.id = s.run_id
    where l.authority_id = a.id and r.edition_id = ${edition.id})`;
  const rows = await db
    .selectFrom('authorities as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('authority_finances')
          .select(['authority_id', (e) => e.fn.max('year').as('year')])
          .where('year', '<=', edition.year)
          .groupBy('authority_id')
          .as('latest'),
      (join) => join.onRef('latest.authority_id', '=', 'a.id'),
    )
    .leftJoin('authority_finances as f', (join) =>
      join.onRef('f.authority_id', '=', 'a.id').onRef('f.year', '=', 'latest.year'),
    )
    .select([
      'a.id',
      'a.kind',
      'a.code',
      'a.name',
      'a.competences',
      'a.population',
      'f.operating_revenue',
      'f.year as revenue_year',
      audited.as('audited'),
      sql<boolean>`exists (
        select 1 from authority_websites w where w.authority_id = a.id and w.retired_at is null)`.as(
        'website',
      ),
    ])
    .where((eb) =>
      eb.or([
        known,
        eb.exists(
          eb
            .selectFrom('assessments as x')
            .select(sql.lit(1).as('one'))
            .where('x.edition_id', '=', edition.id)
            .whereRef('x.authority_id', '=', 'a.id'),
        ),
        audited,
      ]),
    )
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    competences: JSON.parse(row.competences) as string[],
    competencesKey: row.competences,
    population: row.population,
    // SQLite answers exists() with 0/1, PostgreSQL with a boolean.
    hasWebsite: Boolean(row.audited) || Boolean(row.website),
    operatingRevenue: row.operating_revenue ?? null,
    revenueYear: row.revenue_year ?? null,
  }));
}

/** The distinct sets of competences authorities have, as the level counts take them. */
export async function competenceSets(
  db: Executor,
): Promise<{ competencesKey: string; competences: string[] }[]> {
  const rows = await db.selectFrom('authorities').select('competences').distinct().execute();
  return rows.map((row) => ({
    competencesKey: row.competences,
    competences: JSON.parse(row.competences) as string[],
  }));
}
