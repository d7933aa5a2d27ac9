import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/databases.ts';
import type { Database } from './database.ts';
import { postgresArrayLiteral } from './postgres-array-literal.ts';

describe('PostgreSQL array literal', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('round-trips texts with quotes, backslashes, braces, commas, spaces, accents and nulls', async () => {
    const texts = [
      '{"a":"b\\"c"}',
      'back\\slash',
      '\\\\',
      '{x,y}',
      ' lead',
      'NULL',
      '',
      'Île-de-France — « é »',
      null,
      '😀',
    ];
    const { rows } = await sql<{
      v: (string | null)[];
    }>`select ${postgresArrayLiteral(texts)}::text[] as v`.execute(database.db);
    expect(rows[0]?.v).toEqual(texts);
  });

  it('round-trips integers and floats', async () => {
    const numbers = [0, -3, 2 ** 40, 0.1, 1e-7, 123.456, null];
    const { rows } = await sql<{
      v: (number | null)[];
    }>`select ${postgresArrayLiteral(numbers)}::float8[] as v`.execute(database.db);
    expect(rows[0]?.v).toEqual(numbers);
  });

  it('refuses what it could not write exactly: control characters, NaN, infinities', () => {
    expect(() => postgresArrayLiteral(['a\nb'])).toThrow(/non stockable/);
    expect(() => postgresArrayLiteral(['tab\there'])).toThrow(/non stockable/);
    expect(() => postgresArrayLiteral(['\u0001'])).toThrow(/non stockable/);
    expect(() => postgresArrayLiteral(['a\ud800b'])).toThrow(/non stockable/);
    expect(() => postgresArrayLiteral(['\udc00'])).toThrow(/non stockable/);
    expect(() => postgresArrayLiteral([Number.NaN])).toThrow(/non fini/);
    expect(() => postgresArrayLiteral([Number.POSITIVE_INFINITY])).toThrow(/non fini/);
    // An escaped backslash followed by a letter is text, not a control character.
    expect(postgresArrayLiteral(['\\n'])).toBe('{"\\\\n"}');
  });
});
