import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: works on any schema, including migrations' untyped one.
type AnyKysely = Kysely<any>;

export function isSqlite(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises transactions that touch the same logical key until the current transaction ends.
 * PostgreSQL takes an advisory lock on a hash of the key; SQLite needs nothing, since its
 * writers already run one at a time.
 */
export async function lockForTransaction(trx: AnyKysely, key: string): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
