import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './database.ts';

describe('the SQLite statement cache', () => {
  let connection: SqliteDatabase.Database;

  beforeEach(() => {
    connection = new SqliteDatabase(':memory:');
  });
  afterEach(() => connection.close());

  const NUMBERS = "select value as n from json_each('[1,2,3]') where value >= ?";

  it('hands out the prepared statement again for the same SQL, with new parameters', () => {
    const cached = withStatementCache(connection);
    const first = cached.prepare(NUMBERS);
    expect(first.all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cached.prepare(NUMBERS)).toBe(first);
    expect(cached.prepare(NUMBERS).all([3])).toEqual([{ n: 3 }]);
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const cached = withStatementCache(connection);
    const streamed = cached.prepare(NUMBERS) as SqliteDatabase.Statement;
    const seen: number[] = [];
    for (const row of streamed.iterate(1) as Iterable<{ n: number }>) {
      seen.push(row.n * 10 + cached.prepare(NUMBERS).all([row.n]).length);
    }
    expect(seen).toEqual([13, 22, 31]);
  });

  it('drops the least recently used statement beyond its size', () => {
    const cached = withStatementCache(connection, 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a);
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });
});
