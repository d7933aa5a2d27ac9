import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, preparedDataDir, runCliCaptured } from '../../test/support/cli.ts';
import { createTestDatabase } from '../../test/support/databases.ts';
import type { Database } from './database.ts';

/**
 * `db copy` on a real PostgreSQL server (CI provides one): an embedded installation with
 * territories, the referential, an edition, an audit and a user, copied whole.
 */
const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(serverUrl)('db copy from SQLite to PostgreSQL', () => {
  let dataDir: string;
  let target: Database;
  let url: string;
  let copy: CliRun;
  let sqliteCounts: Map<string, number>;

  beforeAll(async () => {
    dataDir = await preparedDataDir();
    for (const argv of [
      [
        'crawl',
        '--authority',
        '01',
        '02',
        '--kind',
        'departement',
        '--simulated',
        '--delay',
        '1',
        '--max-pages',
        '30',
      ],
      [
        'user',
        'create',
        '--email',
        'analyste@exemple.fr',
        '--name',
        'Ana Lyste',
        '--role',
        'analyst',
        '--password-stdin',
      ],
    ]) {
      const run = await runCliCaptured(argv, { dataDir, stdin: 'un mot de passe solide 2026' });
      if (run.code !== 0) throw new Error(`barometre ${argv.join(' ')} : ${run.stderr}`);
    }
    const sqlite = new SqliteDatabase(path.join(dataDir, 'barometre.sqlite'), { readonly: true });
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
      )
      .all() as { name: string }[];
    sqliteCounts = new Map(
      tables.map(({ name }) => [
        name,
        (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
      ]),
    );
    sqlite.close();
    // An empty database: createTestDatabase migrates it, as an operator's `db migrate` would.
    target = await createTestDatabase('postgres');
    url = target.location;
    copy = await runCliCaptured(['db', 'copy', '--to', url], { dataDir });
  }, 180_000);

  afterAll(async () => {
    await target?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every table, row for row', async () => {
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stdout).toContain('ligne(s) copiée(s)');
    expect(sqliteCounts.get('authorities')).toBeGreaterThan(30_000);
    expect(sqliteCounts.get('audit_pages')).toBeGreaterThan(10);
    for (const [table, rows] of sqliteCounts) {
      const [copied] = await query<{ n: string }>(url, `select count(*) as n from "${table}"`);
      expect({ table, rows: Number(copied?.n) }).toEqual({ table, rows });
    }
  });

  it('copies rows unchanged: a sample of authorities, pages and assessments', async () => {
    const sqlite = new SqliteDatabase(path.join(dataDir, 'barometre.sqlite'), { readonly: true });
    const samples = [
      "select id, kind, code, name, population, region_code from authorities where code in ('75056', '01', '2A') order by id",
      'select id, site_id, url, depth, status, http_status, bytes, content_hash from audit_pages order by id limit 20',
      'select id, authority_id, service_id, level, source, evidence from assessments order by id limit 20',
      'select id, email, role, password_hash from users',
    ];
    for (const sample of samples) {
      const expected = sqlite.prepare(sample).all();
      const copied = await query(url, sample);
      expect(copied).toEqual(expected);
    }
    sqlite.close();
  });

  it('restarts the sequences after the copied ids', async () => {
    const [max] = await query<{ id: number }>(url, 'select max(id) as id from authorities');
    const [inserted] = await query<{ id: number }>(
      url,
      "insert into authorities (kind, code, name, competences, created_at, updated_at) values ('commune', '99999', 'Essai', '[]', '2026', '2026') returning id",
    );
    expect(inserted?.id).toBe((max?.id ?? 0) + 1);
  });

  it('refuses a target that is not empty, in French, and writes nothing', async () => {
    const before = await query<{ n: string }>(url, 'select count(*) as n from audit_pages');
    const again = await runCliCaptured(['db', 'copy', '--to', url], { dataDir });
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/La base cible n’est pas vide : la table \w+ contient \d+ ligne\(s\)/);
    expect(again.stderr).toContain('rien n’a été copié');
    expect(await query<{ n: string }>(url, 'select count(*) as n from audit_pages')).toEqual(before);
  });
});
