import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/**
 * Background jobs (docs/operations.md): the queue itself is pg-boss's own schema on PostgreSQL
 * and memory in-process on SQLite; what must outlive both is the list of jobs that failed after
 * their last retry, for an operator to read and replay. One row per job: writing it again (a
 * worker that dies after the insert) changes nothing.
 */
export async function up(db: AnyDb): Promise<void> {
  await idColumn(db, db.schema.createTable('job_failures'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('job_failures_kind_job_unique', ['kind', 'job_id'])
    .execute();

  // Each e-mail of a batch job, once sent: a batch tried again sends only what it had not sent.
  await idColumn(db, db.schema.createTable('mail_deliveries'))
    .addColumn('batch_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mail_deliveries_batch_recipient_unique', ['batch_key', 'recipient'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('mail_deliveries').execute();
  await db.schema.dropTable('job_failures').execute();
}
