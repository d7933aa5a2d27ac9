import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromDialect, openPostgres, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PgliteDialect } from './pglite-dialect.ts';

export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINES: readonly TestEngine[] = ['sqlite', 'postgres'];

/**
 * PostgreSQL suites run on a real server when BAROMETRE_TEST_DATABASE_URL names one (CI does),
 * otherwise on PGlite in-process. On CI the server is mandatory, so that a misconfigured run
 * fails instead of quietly testing less.
 */
const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;
if (process.env.CI && !serverUrl) {
  throw new Error('CI is set but BAROMETRE_TEST_DATABASE_URL is not: PostgreSQL tests need the server.');
}

export function postgresFlavour(): string {
  return serverUrl ? 'serveur PostgreSQL' : 'PGlite';
}

/** A new, empty, migrated database of the given engine; `close()` removes it. */
export async function createTestDatabase(engine: TestEngine): Promise<Database> {
  const database =
    engine === 'sqlite' ? newSqlite() : serverUrl ? await newServerDatabase(serverUrl) : newPglite();
  await migrateToLatest(database.db);
  return database;
}

function newSqlite(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-test-'));
  const database = openSqlite(path.join(dir, 'test.sqlite'));
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function newPglite(): Database {
  const pglite = new PGlite({ parsers: { 20: (value: string) => Number(value) } });
  return fromDialect(new PgliteDialect(pglite), 'postgres', 'pglite://memory');
}

async function newServerDatabase(url: string): Promise<Database> {
  const name = `barometre_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = openPostgres(testUrl.toString());
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropWhenDisconnected(url, name);
    },
  };
}

/**
 * The pool's connections close asynchronously after `destroy()`: dropping the database with
 * `force` would kill them mid-goodbye and surface as uncaught errors, so wait for them instead.
 */
async function dropWhenDisconnected(url: string, name: string): Promise<void> {
  const cleanup = new pg.Client({ connectionString: url });
  await cleanup.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await cleanup.query(`drop database if exists ${name}`);
        return;
      } catch (error) {
        if (attempt >= 100 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await cleanup.end();
  }
}
