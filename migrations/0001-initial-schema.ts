import { type Kysely, sql } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('referential_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('themes'))
    .addColumn('referential_version', 'text', (c) => c.notNull().references('referential_versions.version'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('themes_version_key_unique', ['referential_version', 'key'])
    .execute();

  await idColumn(db, db.schema.createTable('services'))
    .addColumn('referential_version', 'text', (c) => c.notNull().references('referential_versions.version'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('theme_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text', (c) => c.notNull())
    .addColumn('phrases', 'text', (c) => c.notNull())
    .addColumn('url_hints', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('services_version_key_unique', ['referential_version', 'key'])
    .execute();

  await idColumn(db, db.schema.createTable('editions'))
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('referential_version', 'text', (c) => c.notNull().references('referential_versions.version'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();

  await idColumn(db, db.schema.createTable('authorities'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('region', 'departement', 'collectivite_unique', 'epci', 'commune')`),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('siren', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('departement_code', 'text')
    .addColumn('epci_siren', 'text')
    .addColumn('council_id', 'integer', (c) => c.references('authorities.id'))
    .addColumn('competences', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('population_year', 'integer')
    .addColumn('status_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('authorities_kind_code_unique', ['kind', 'code'])
    .execute();
  await db.schema.createIndex('authorities_siren_index').on('authorities').column('siren').execute();
  await db.schema
    .createIndex('authorities_departement_index')
    .on('authorities')
    .columns(['departement_code', 'kind'])
    .execute();

  await idColumn(db, db.schema.createTable('authority_websites'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  // At most one current website per authority; older ones stay as history.
  await db.schema
    .createIndex('authority_websites_current_unique')
    .on('authority_websites')
    .column('authority_id')
    .unique()
    .where(sql.ref('retired_at'), 'is', null)
    .execute();

  await idColumn(db, db.schema.createTable('authority_finances'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('operating_revenue', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('authority_finances_authority_year_unique', ['authority_id', 'year'])
    .execute();

  await idColumn(db, db.schema.createTable('assessments'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 0 and 4`))
    .addColumn('channel', 'text')
    .addColumn('platform', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('crawler', 'analyst', 'survey', 'declared')`),
    )
    .addColumn('confidence', 'double precision')
    .addColumn('reviewer', 'text')
    .addColumn('comment', 'text')
    .addColumn('supersedes_id', 'integer', (c) => c.references('assessments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // History is a chain per (edition, authority, service): one root, and each row superseded
  // at most once, so two concurrent reviewers cannot both replace the same assessment.
  await db.schema
    .createIndex('assessments_root_unique')
    .on('assessments')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .unique()
    .where(sql.ref('supersedes_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('assessments_supersedes_unique')
    .on('assessments')
    .column('supersedes_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('assessments_edition_authority_index')
    .on('assessments')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .execute();
  await db.schema
    .createView('current_assessments')
    .as(
      db
        .selectFrom('assessments as a')
        .selectAll('a')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('assessments as newer')
                .select('newer.id')
                .whereRef('newer.supersedes_id', '=', 'a.id'),
            ),
          ),
        ),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropView('current_assessments').execute();
  for (const table of [
    'assessments',
    'authority_finances',
    'authority_websites',
    'authorities',
    'editions',
    'services',
    'themes',
    'referential_versions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
