import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

export type Executor = Kysely<Schema> | Transaction<Schema>;

/**
 * Runs `work` in one transaction: everything it wrote is committed together, or nothing is
 * when it throws. Nested calls reuse the outer transaction.
 */
export async function inTransaction<T>(
  db: Executor,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Schema>);
  return db.transaction().execute(work);
}
