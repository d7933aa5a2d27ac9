import type { Transaction } from 'kysely';
import type { Schema } from './schema.ts';
import { type Executor, inTransaction } from './transaction.ts';

export interface GroupCommit<T> {
  /** Resolves once the item is committed; rejects with its own error if writing it failed. */
  write(item: T): Promise<void>;
}

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes items in shared transactions: every item asked for while a commit is under way, or
 * within the same turn of the event loop, goes into the next transaction. A commit costs more
 * than a small write (a crawl stores 20,000 pages), and concurrent writers arrive together.
 *
 * Nothing is acknowledged before it is committed, so a caller that waits for `write` keeps its
 * guarantees: after a crash, what was acknowledged is stored, and what was not left no trace.
 * One item's failure rolls its batch back; the batch is then written again one item per
 * transaction, so that only the failing item is refused.
 */
export function createGroupCommit<T>(
  db: Executor,
  writeOne: (trx: Transaction<Schema>, item: T) => Promise<void>,
): GroupCommit<T> {
  let queue: Pending<T>[] = [];
  let flushing = false;

  const writeAlone = async (pending: Pending<T>) => {
    try {
      await inTransaction(db, (trx) => writeOne(trx, pending.item));
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    }
  };

  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await inTransaction(db, async (trx) => {
          for (const pending of batch) await writeOne(trx, pending.item);
        });
        for (const pending of batch) pending.resolve();
      } catch (error) {
        if (batch.length === 1) (batch[0] as Pending<T>).reject(error);
        else for (const pending of batch) await writeAlone(pending);
      }
    }
    flushing = false;
  };

  return {
    write(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // The first item of a batch waits for the end of this turn so that its neighbours join it.
        if (!flushing && queue.length === 1) setImmediate(() => void flush());
      });
    },
  };
}
