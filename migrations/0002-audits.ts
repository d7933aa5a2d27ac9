import { type Kysely, sql } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/**
 * Crawl audits: a run per edition, a row per site crawled, per page fetched, per finding and
 * per portal check. Unique keys make every write of a resumed crawl idempotent.
 */
export async function up(db: AnyDb): Promise<void> {
  await idColumn(db, db.schema.createTable('audit_runs'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'completed', 'interrupted', 'failed')`),
    )
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // One row per distinct website crawled in a run; authorities sharing a website (the
  // Collectivité de Corse and départements 2A and 2B) share its crawl.
  await idColumn(db, db.schema.createTable('audit_sites'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('start_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'running', 'done', 'failed')`),
    )
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('audit_sites_run_url_unique', ['run_id', 'start_url'])
    .execute();

  await db.schema
    .createTable('audit_site_authorities')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('audit_sites.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addPrimaryKeyConstraint('audit_site_authorities_pk', ['site_id', 'authority_id'])
    .execute();
  await db.schema
    .createIndex('audit_site_authorities_authority_index')
    .on('audit_site_authorities')
    .column('authority_id')
    .execute();

  await idColumn(db, db.schema.createTable('audit_pages'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('audit_sites.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('final_url', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('charset', 'text')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('elapsed_ms', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('platform', 'text')
    .addColumn('rendered_with', 'text', (c) => c.notNull().defaultTo('http'))
    .addColumn('title', 'text')
    .addColumn('enqueued', 'text', (c) => c.notNull())
    .addColumn('portal_facts', 'text')
    .addColumn('error', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_pages_site_url_unique', ['site_id', 'url'])
    .execute();

  await idColumn(db, db.schema.createTable('audit_findings'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('audit_sites.id'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('audit_pages.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 0 and 4`))
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_findings_page_service_unique', ['page_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('audit_findings_site_index')
    .on('audit_findings')
    .columns(['site_id', 'service_id'])
    .execute();

  await idColumn(db, db.schema.createTable('portal_checks'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('audit_sites.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('pass', 'warn', 'fail', 'unknown')`),
    )
    .addColumn('value', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addUniqueConstraint('portal_checks_site_key_unique', ['site_id', 'key'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'portal_checks',
    'audit_findings',
    'audit_pages',
    'audit_site_authorities',
    'audit_sites',
    'audit_runs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
