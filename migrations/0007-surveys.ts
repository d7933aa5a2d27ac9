import { type Kysely, sql } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/**
 * Surveys (docs/surveys.md): questionnaire versions (SurveyJS JSON, one per template and
 * edition, never edited), campaigns, recipients with their links (only a hash of each token is
 * stored), answers saved page by page, and the attempts at opening links, for throttling.
 */
export async function up(db: AnyDb): Promise<void> {
  await idColumn(db, db.schema.createTable('survey_questionnaires'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_questionnaires_version', ['template', 'edition'])
    .execute();

  await idColumn(db, db.schema.createTable('survey_campaigns'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('survey_questionnaires.id'))
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('survey_recipients'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull().check(sql`profile in ('agent', 'elu', 'collectivite')`))
    .addColumn('invited_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_recipients_person', ['campaign_id', 'authority_id', 'email'])
    .execute();
  await db.schema
    .createIndex('survey_recipients_campaign_index')
    .on('survey_recipients')
    .column('campaign_id')
    .execute();

  // Each e-mail carries a link of its own (a reminder cannot re-send a token we do not keep);
  // every link of a recipient opens the same response.
  await db.schema
    .createTable('survey_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('survey_recipients.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per page saved: concurrent saves of two pages never overwrite each other.
  await db.schema
    .createTable('survey_answers')
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('survey_recipients.id'))
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answers_pk', ['recipient_id', 'page'])
    .execute();

  await idColumn(db, db.schema.createTable('survey_link_attempts'))
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_link_attempts_client_index')
    .on('survey_link_attempts')
    .columns(['client', 'at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'survey_link_attempts',
    'survey_answers',
    'survey_links',
    'survey_recipients',
    'survey_campaigns',
    'survey_questionnaires',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
