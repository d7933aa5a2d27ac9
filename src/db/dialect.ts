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

/**
 * Lets each sort and hash table of the rest of the transaction use up to `megabytes` of memory on
 * PostgreSQL (its work_mem, 4 MB unless configured), for a transaction whose large aggregation
 * would otherwise spill to disk. SQLite needs nothing: its memory is not capped this way.
 */
export async function allowWorkMemory(trx: AnyKysely, megabytes: number): Promise<void> {
  if (isPostgres(trx)) await sql.raw(`set local work_mem = '${Math.trunc(megabytes)}MB'`).execute(trx);
}
