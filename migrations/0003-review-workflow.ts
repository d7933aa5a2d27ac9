import { type Kysely, sql } from 'kysely';
import { isSqlite } from '../src/db/dialect.ts';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

const FROZEN_MESSAGE =
  'Édition publiée : ses évaluations sont figées ; une correction passe par un erratum ou par l’édition suivante.';
const UNPUBLISH_MESSAGE = 'Édition publiée : elle ne peut pas revenir à l’état de brouillon.';

/**
 * The analysts' review workflow (docs/review-workflow.md): a log of review actions beside the
 * assessment chain, blind second reviews and their arbitrations, publication, errata and the
 * authorities' right of reply. Published editions are frozen by triggers on both engines,
 * besides the check the application makes first.
 */
export async function up(db: AnyDb): Promise<void> {
  // Who did what to the chain, and why: the chain keeps before and after, this keeps the action.
  await idColumn(db, db.schema.createTable('review_events'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('action', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`action in ('confirmed', 'corrected', 'evidence_added', 'evidence_replaced', 'added', 'arbitrated', 'contest_accepted', 'erratum')`,
        ),
    )
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('before_assessment_id', 'integer', (c) => c.references('assessments.id'))
    .addColumn('after_assessment_id', 'integer', (c) => c.notNull().unique().references('assessments.id'))
    .addColumn('level_before', 'integer')
    .addColumn('level_after', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_events_triple_index')
    .on('review_events')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .execute();

  await idColumn(db, db.schema.createTable('blind_reviews'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('first_assessment_id', 'integer', (c) => c.notNull().unique().references('assessments.id'))
    .addColumn('proposal_assessment_id', 'integer', (c) => c.references('assessments.id'))
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 0 and 4`))
    .addColumn('evidence_url', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('blind_reviews_edition_index')
    .on('blind_reviews')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .execute();

  await idColumn(db, db.schema.createTable('arbitrations'))
    .addColumn('blind_review_id', 'integer', (c) => c.notNull().unique().references('blind_reviews.id'))
    .addColumn('first_assessment_id', 'integer', (c) => c.notNull().references('assessments.id'))
    .addColumn('arbiter', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 0 and 4`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('assessment_id', 'integer', (c) => c.notNull().unique().references('assessments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('edition_publications')
    .addColumn('edition_id', 'integer', (c) => c.primaryKey().references('editions.id'))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('contests'))
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessments.id'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('requested_level', 'integer', (c) => c.check(sql`requested_level between 0 and 4`))
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'accepted', 'rejected')`))
    .addColumn('decided_level', 'integer', (c) => c.check(sql`decided_level between 0 and 4`))
    .addColumn('decision', 'text')
    .addColumn('decider', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('resulting_assessment_id', 'integer', (c) => c.references('assessments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A decision is complete or absent: an open contest has none, a closed one says who, when, why.
    .addCheckConstraint(
      'contests_decision_complete',
      sql`(status = 'open' and decided_at is null and decider is null and decision is null)
        or (status <> 'open' and decided_at is not null and decider is not null and decision is not null)`,
    )
    .execute();
  // One open contest per service of an authority at a time.
  await db.schema
    .createIndex('contests_open_unique')
    .on('contests')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('contests_edition_index')
    .on('contests')
    .columns(['edition_id', 'status'])
    .execute();

  await idColumn(db, db.schema.createTable('errata'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
    .addColumn('authority_id', 'integer', (c) => c.notNull().references('authorities.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('before_assessment_id', 'integer', (c) => c.references('assessments.id'))
    .addColumn('level_before', 'integer')
    .addColumn('level_after', 'integer', (c) => c.notNull().check(sql`level_after between 0 and 4`))
    .addColumn('evidence_url', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'integer', (c) => c.references('contests.id'))
    .addColumn('assessment_id', 'integer', (c) => c.unique().references('assessments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // An erratum is written first, then the assessment it allows, then linked to it: at most one
  // erratum per triple waits for its assessment.
  await db.schema
    .createIndex('errata_pending_unique')
    .on('errata')
    .columns(['edition_id', 'authority_id', 'service_id'])
    .unique()
    .where(sql.ref('assessment_id'), 'is', null)
    .execute();
  await db.schema.createIndex('errata_edition_index').on('errata').column('edition_id').execute();

  if (isSqlite(db)) await createSqliteGuards(db);
  else await createPostgresGuards(db);
}

/**
 * On a published edition, an assessment may be appended only as the one a pending erratum
 * announces (same triple, same level, superseding the same row); none may be updated or
 * deleted; and the edition cannot go back to draft.
 */
async function createSqliteGuards(db: AnyDb): Promise<void> {
  await sql`
    create trigger assessments_published_insert_guard before insert on assessments
    when (select status from editions where id = new.edition_id) = 'published'
      and not exists (
        select 1 from errata e
        where e.edition_id = new.edition_id and e.authority_id = new.authority_id
          and e.service_id = new.service_id and e.assessment_id is null
          and e.level_after = new.level and e.before_assessment_id is new.supersedes_id
      )
    begin select raise(abort, ${sql.raw(quote(FROZEN_MESSAGE))}); end`.execute(db);
  for (const operation of ['update', 'delete'] as const) {
    await sql`
      create trigger ${sql.raw(`assessments_published_${operation}_guard`)} before ${sql.raw(operation)} on assessments
      when (select status from editions where id = old.edition_id) = 'published'
      begin select raise(abort, ${sql.raw(quote(FROZEN_MESSAGE))}); end`.execute(db);
  }
  await sql`
    create trigger editions_unpublish_guard before update on editions
    when old.status = 'published' and (new.status <> 'published' or new.published_at is not old.published_at)
    begin select raise(abort, ${sql.raw(quote(UNPUBLISH_MESSAGE))}); end`.execute(db);
}

async function createPostgresGuards(db: AnyDb): Promise<void> {
  // `for share` makes a writer wait for a publication in progress, then see it.
  await sql`
    create function assessments_published_guard() returns trigger language plpgsql as $$
    declare
      edition_status text;
    begin
      if tg_op = 'INSERT' then
        select status into edition_status from editions where id = new.edition_id for share;
        if edition_status = 'published' and not exists (
          select 1 from errata e
          where e.edition_id = new.edition_id and e.authority_id = new.authority_id
            and e.service_id = new.service_id and e.assessment_id is null
            and e.level_after = new.level
            and e.before_assessment_id is not distinct from new.supersedes_id
        ) then
          raise exception using errcode = 'check_violation', message = ${sql.raw(quote(FROZEN_MESSAGE))};
        end if;
        return new;
      end if;
      select status into edition_status from editions where id = old.edition_id for share;
      if edition_status = 'published' then
        raise exception using errcode = 'check_violation', message = ${sql.raw(quote(FROZEN_MESSAGE))};
      end if;
      if tg_op = 'DELETE' then
        return old;
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger assessments_published_guard before insert or update or delete on assessments
    for each row execute function assessments_published_guard()`.execute(db);
  await sql`
    create function editions_unpublish_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'published'
        and (new.status <> 'published' or new.published_at is distinct from old.published_at) then
        raise exception using errcode = 'check_violation', message = ${sql.raw(quote(UNPUBLISH_MESSAGE))};
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger editions_unpublish_guard before update on editions
    for each row execute function editions_unpublish_guard()`.execute(db);
}

/** A SQL string literal (messages are constants of this file, never user input). */
function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export async function down(db: AnyDb): Promise<void> {
  if (isSqlite(db)) {
    for (const trigger of [
      'assessments_published_insert_guard',
      'assessments_published_update_guard',
      'assessments_published_delete_guard',
      'editions_unpublish_guard',
    ]) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
  } else {
    await sql`drop trigger if exists assessments_published_guard on assessments`.execute(db);
    await sql`drop function if exists assessments_published_guard()`.execute(db);
    await sql`drop trigger if exists editions_unpublish_guard on editions`.execute(db);
    await sql`drop function if exists editions_unpublish_guard()`.execute(db);
  }
  for (const table of [
    'errata',
    'contests',
    'edition_publications',
    'arbitrations',
    'blind_reviews',
    'review_events',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
