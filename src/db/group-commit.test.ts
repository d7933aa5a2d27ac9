import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import type { Database } from './database.ts';
import { createGroupCommit } from './group-commit.ts';
import type { Schema } from './schema.ts';

describe.each(TEST_ENGINES)('group commit on %s', (engine) => {
  let database: Database;
  /** The transaction each version was written in. */
  let writtenIn: Map<string, Transaction<Schema>>;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    writtenIn = new Map();
  });
  afterEach(() => database.close());

  const writer = () =>
    createGroupCommit<string>(database.db, async (trx, version) => {
      writtenIn.set(version, trx);
      await trx
        .insertInto('referential_versions')
        .values({ version, checksum: 'x', loaded_at: '2026-11-21T00:00:00Z' })
        .execute();
    });
  const stored = async () =>
    (await database.db.selectFrom('referential_versions').select('version').orderBy('version').execute()).map(
      (row) => row.version,
    );

  it('writes the items asked for in the same turn in one transaction, and acknowledges them once committed', async () => {
    const commit = writer();
    const acknowledged: string[][] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((version) =>
        commit.write(version).then(async () => acknowledged.push(await stored())),
      ),
    );
    expect(new Set(writtenIn.values()).size).toBe(1);
    expect(acknowledged).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('puts the items that arrive during a commit into the next transaction', async () => {
    const commit = writer();
    const first = commit.write('a');
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch has started: this one waits for it.
    const second = commit.write('b');
    await Promise.all([first, second]);
    expect(writtenIn.get('a')).not.toBe(writtenIn.get('b'));
    expect(await stored()).toEqual(['a', 'b']);
  });

  it('refuses only the item that fails, and writes the others of its batch', async () => {
    const commit = writer();
    await commit.write('a');
    const results = await Promise.allSettled(['b', 'a', 'c'].map((version) => commit.write(version)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored()).toEqual(['a', 'b', 'c']);
  });
});
