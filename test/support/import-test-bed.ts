import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Schema } from '../../src/db/schema.ts';
import { UserError } from '../../src/shared/errors.ts';
import { createSampleAuthorities, type SampleAuthority } from './authority-factory.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';

/** What the tests of a file import (finances, websites) share. */

const CSV_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');

/** A CSV file of test/fixtures/csv. */
export const csvFixture = (name: string): string => path.join(CSV_FIXTURES, name);

/** Tables an import writes (views excluded). */
export type ImportedTable = Exclude<
  keyof Schema,
  'current_assessments' | 'current_initiative_classifications'
>;

export interface ImportTestBed {
  /** Set once the suite's beforeAll has run. */
  readonly database: Database;
  readonly ids: Record<SampleAuthority, number>;
  /** Writes a file in the suite's temporary folder and returns its path. */
  writeTmp(name: string, content: Uint8Array | string): string;
}

/**
 * Registers, in the calling describe block, a database of `engine` holding the sample
 * authorities, emptied of `table` before each test, and a temporary folder removed at the end.
 */
export function useImportTestBed(
  engine: TestEngine,
  table: ImportedTable | readonly ImportedTable[],
): ImportTestBed {
  // Children first, so that foreign keys never block the cleanup.
  const tables: readonly ImportedTable[] = typeof table === 'string' ? [table] : table;
  let database: Database | undefined;
  let ids: Record<SampleAuthority, number> | undefined;
  let tmp: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ids = await createSampleAuthorities(database.db);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `barometre-${tables[0]}-`));
  });
  afterAll(async () => {
    await database?.close();
    if (tmp !== undefined) fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const name of tables) await database?.db.deleteFrom(name).execute();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the import test bed is used before its beforeAll ran');
    return value;
  };
  return {
    get database() {
      return ready(database);
    },
    get ids() {
      return ready(ids);
    },
    writeTmp(name, content) {
      const file = path.join(ready(tmp), name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

/**
 * Runs an import expected to reject its file: checks that it fails as invalid input and that
 * `stored` (what the import writes) did not change; returns the error.
 */
export async function expectRejected(
  run: () => Promise<unknown>,
  stored: () => Promise<unknown>,
): Promise<UserError> {
  const before = await stored();
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe('input_invalid');
  expect(await stored()).toEqual(before);
  return error as UserError;
}
