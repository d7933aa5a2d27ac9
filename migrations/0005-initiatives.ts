import { type Kysely, sql } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/**
 * The registry of authorities' digital initiatives (docs/initiatives.md): the initiatives,
 * their moderation (submitted → published or rejected, who, when, why) and their
 * classification into domains, kept as a chain like assessments: the classifier's proposal,
 * then each analyst's override superseding the previous one, never overwritten.
 */
export async function up(db: AnyDb): Promise<void> {
  await idColumn(db, db.schema.createTable('initiatives'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1990 and 2100`))
    .addColumn('url', 'text')
    .addColumn('progress', 'text', (c) =>
      c.notNull().check(sql`progress in ('planned', 'in_progress', 'completed', 'abandoned')`),
    )
    .addColumn('contact', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('initiatives_authority_index')
    .on('initiatives')
    .column('authority_id')
    .execute();
  await db.schema.createIndex('initiatives_year_index').on('initiatives').column('year').execute();

  // One decision per initiative: a submitted initiative has none; a decision is final.
  await idColumn(db, db.schema.createTable('initiative_moderations'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().unique().references('initiatives.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('published', 'rejected')`))
    .addColumn('moderator', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('initiative_moderations_reason', sql`decision = 'published' or reason is not null`)
    .execute();

  await idColumn(db, db.schema.createTable('initiative_classifications'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('classifier', 'analyst', 'import')`))
    .addColumn('classifier_version', 'text')
    .addColumn('analyst', 'text')
    .addColumn('comment', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'integer', (c) => c.unique().references('initiative_classifications.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'initiative_classifications_author',
      sql`(source = 'analyst' and analyst is not null) or (source <> 'analyst')`,
    )
    .execute();
  // One root per initiative: two first classifications cannot race.
  await db.schema
    .createIndex('initiative_classifications_root_unique')
    .on('initiative_classifications')
    .column('initiative_id')
    .unique()
    .where(sql.ref('supersedes_id'), 'is', null)
    .execute();

  await db.schema
    .createTable('initiative_classification_domains')
    .addColumn('classification_id', 'integer', (c) => c.notNull().references('initiative_classifications.id'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull().check(sql`rank >= 1`))
    .addColumn('confidence', 'double precision')
    .addPrimaryKeyConstraint('initiative_classification_domains_pk', ['classification_id', 'domain'])
    .execute();

  await db.schema
    .createView('current_initiative_classifications')
    .as(
      db
        .selectFrom('initiative_classifications as c')
        .selectAll('c')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('initiative_classifications as newer')
                .select('newer.id')
                .whereRef('newer.supersedes_id', '=', 'c.id'),
            ),
          ),
        ),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropView('current_initiative_classifications').execute();
  for (const table of [
    'initiative_classification_domains',
    'initiative_classifications',
    'initiative_moderations',
    'initiatives',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
