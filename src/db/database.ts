import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type Dialect,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Schema } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  engine: Engine;
  /** Where the data lives, for messages: a file path or a URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** SQLite by default, PostgreSQL when DATABASE_URL is set. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): Database {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.sqlitePath);
}

export function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SqliteDatabase(file);
  // WAL lets readers (the web server) work while a writer (an import, a crawl) commits;
  // busy_timeout makes a second writer wait instead of failing at once.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 10000');
  return fromDialect(new SqliteDialect({ database: withStatementCache(connection) }), 'sqlite', file);
}

/** Distinct SQL texts kept prepared: the queries of the code base, with room for batch sizes. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely's SQLite driver prepares every query anew (SQLite parses and plans it each time: a
 * fifth of a crawl's storage time). Statements are reused by SQL text, least recently used
 * dropped first; one still being iterated (a streamed query) is never handed out twice.
 */
export function withStatementCache(
  connection: SqliteDatabase.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Re-inserted: a Map iterates in insertion order, so the first key is the least recent.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

// PostgreSQL returns int8 (count(*), sums of integers) as strings; our figures fit in a double.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle connection the server closes (restart, failover) must not crash the process: the
  // pool discards it and the next query opens a new one, failing there if the server is gone.
  pool.on('error', () => {});
  return fromDialect(new PostgresDialect({ pool }), 'postgres', redactUrl(url));
}

export function fromDialect(dialect: Dialect, engine: Engine, location: string): Database {
  const db = new Kysely<Schema>({ dialect });
  return { db, engine, location, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(URL illisible)';
  }
}
