import { type Kysely, sql } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/**
 * Computed indicators (docs/methodology.md, « Indicateurs »): one run per edition, holding the
 * method used and the edition's aggregates, and one row per authority of the edition's panel.
 * A recompute replaces both in one transaction; a published edition keeps its results.
 * Wide on purpose: exports, pages and reports read a row without joins, and the whole
 * edition is written in a few batched inserts.
 */
export async function up(db: AnyDb): Promise<void> {
  await idColumn(db, db.schema.createTable('indicator_runs'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().unique().references('editions.id'))
    .addColumn('method_version', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('referential_version', 'text', (c) => c.notNull())
    .addColumn('previous_edition_id', 'integer', (c) => c.references('editions.id'))
    .addColumn('previous_comparability', 'text', (c) =>
      c.check(sql`previous_comparability in ('comparable', 'referential_changed', 'method_changed')`),
    )
    .addColumn('authorities', 'integer', (c) => c.notNull())
    .addColumn('aggregates', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authority_indicators')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('peer_group', 'text')
    .addColumn('population', 'integer')
    .addColumn('operating_revenue', 'double precision')
    .addColumn('revenue_year', 'integer')
    .addColumn('revenue_per_inhabitant', 'double precision')
    .addColumn('has_website', 'integer', (c) => c.notNull().check(sql`has_website in (0, 1)`))
    .addColumn('services_applicable', 'integer', (c) => c.notNull())
    .addColumn('services_assessed', 'integer', (c) => c.notNull())
    .addColumn('level_0', 'integer', (c) => c.notNull())
    .addColumn('level_1', 'integer', (c) => c.notNull())
    .addColumn('level_2', 'integer', (c) => c.notNull())
    .addColumn('level_3', 'integer', (c) => c.notNull())
    .addColumn('level_4', 'integer', (c) => c.notNull())
    .addColumn('end_to_end', 'integer', (c) => c.notNull())
    .addColumn('partial', 'integer', (c) => c.notNull())
    .addColumn('themes_applicable', 'integer', (c) => c.notNull())
    .addColumn('themes_covered', 'integer', (c) => c.notNull())
    .addColumn('theme_rates', 'text', (c) => c.notNull())
    .addColumn('portal_score', 'double precision')
    .addColumn('portal_checks', 'integer', (c) => c.notNull())
    .addColumn('index_score', 'double precision', (c) => c.notNull())
    .addColumn('index_partial', 'integer', (c) => c.notNull().check(sql`index_partial in (0, 1)`))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('rank_total', 'integer', (c) => c.notNull())
    .addColumn('peer_rank', 'integer')
    .addColumn('peer_total', 'integer')
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addColumn('previous_index', 'double precision')
    .addColumn('index_change', 'double precision')
    .addColumn('previous_end_to_end', 'integer')
    .addColumn('end_to_end_change', 'integer')
    .addColumn('change_status', 'text', (c) =>
      c.notNull().check(sql`change_status in ('comparable', 'not_comparable', 'new', 'none')`),
    )
    .addPrimaryKeyConstraint('authority_indicators_pk', ['edition_id', 'authority_id'])
    .execute();
  await db.schema
    .createIndex('authority_indicators_ranking_index')
    .on('authority_indicators')
    .columns(['edition_id', 'kind', 'rank'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('authority_indicators').execute();
  await db.schema.dropTable('indicator_runs').execute();
}
