import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedDataDir, runCliCaptured, temporaryDataDir } from '../../test/support/cli.ts';
import { createTestDatabase } from '../../test/support/databases.ts';
import {
  startWorker,
  type WorkerProcess,
  workerReady,
  workersCrawling,
} from '../../test/support/worker-processes.ts';
import type { Database } from '../db/database.ts';

/**
 * The scale-out promise, with real processes on a real PostgreSQL server: three workers audit a
 * queued campaign of the simulated web; one is killed with SIGKILL in the middle of a site and
 * another is stopped with SIGTERM. Every site must be audited exactly once, nothing stored may be
 * lost or written twice, and the indicators must equal a single-process run on SQLite.
 */
const serverUrl = process.env.BAROMETRE_TEST_DATABASE_URL;
const CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const SELECTION = ['--authority', ...CODES, '--kind', 'departement', '--simulated', '--max-pages', '80'];

/** Everything an audit and its indicators write, keyed by natural keys (ids differ between bases). */
const OUTCOME_QUERIES = {
  pages: `select s.start_url || ' ' || p.url || ' ' || coalesce(p.content_hash, '') as k
          from audit_pages p join audit_sites s on s.id = p.site_id`,
  findings: `select s.start_url || ' ' || p.url || ' ' || sv.key || ' ' || f.level as k from audit_findings f
             join audit_pages p on p.id = f.page_id join audit_sites s on s.id = p.site_id
             join services sv on sv.id = f.service_id`,
  assessments: `select a.code || ' ' || sv.key || ' ' || x.level || ' ' || x.source as k from assessments x
                join authorities a on a.id = x.authority_id join services sv on sv.id = x.service_id`,
  sites: `select start_url || ' ' || status || ' ' || pages as k from audit_sites`,
  // Numbers are keyed in JavaScript: each engine prints a double its own way (75.0, 75).
  indicators: `select a.code, i.index_score, i.rank, i.services_assessed, i.level_0, i.level_1, i.level_2,
                 i.level_3, i.level_4, i.end_to_end, i.portal_score, i.theme_rates
               from authority_indicators i join authorities a on a.id = i.authority_id`,
};

/** One row as a key: the `k` column when the query has one, else every column, numbers as numbers. */
function keyOf(row: Record<string, unknown>): string {
  if (typeof row.k === 'string') return row.k;
  return Object.values(row)
    .map((value) =>
      typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) : value,
    )
    .join(' ');
}
type Outcome = Record<keyof typeof OUTCOME_QUERIES, string[]>;

function sqliteOutcome(dataDir: string): Outcome {
  const db = new SqliteDatabase(path.join(dataDir, 'barometre.sqlite'), { readonly: true });
  try {
    const outcome = {} as Outcome;
    for (const [name, query] of Object.entries(OUTCOME_QUERIES)) {
      outcome[name as keyof Outcome] = (db.prepare(query).all() as Record<string, unknown>[])
        .map(keyOf)
        .sort();
    }
    return outcome;
  } finally {
    db.close();
  }
}

async function postgresOutcome(url: string): Promise<Outcome> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const outcome = {} as Outcome;
    for (const [name, query] of Object.entries(OUTCOME_QUERIES)) {
      const { rows } = await client.query<Record<string, unknown>>(query);
      outcome[name as keyof Outcome] = rows.map(keyOf).sort();
    }
    return outcome;
  } finally {
    await client.end();
  }
}

async function scalar(url: string, query: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(query);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function cli(argv: string[], dataDir: string, env: Record<string, string> = {}): Promise<string> {
  // The workers run on the real clock: so does everything they share an edition with.
  const run = await runCliCaptured(argv, { dataDir, env, now: new Date() });
  if (run.code !== 0) throw new Error(`barometre ${argv.join(' ')} : ${run.stderr}${run.stdout}`);
  return run.stdout;
}

describe.runIf(serverUrl)('three workers on a PostgreSQL server', () => {
  let database: Database;
  let url: string;
  let referenceDir: string;
  let workerDir: string;
  let workers: WorkerProcess[] = [];
  let killedPid = 0;
  let exits: Awaited<WorkerProcess['exit']>[] = [];
  let pagesAtKill = 0;

  beforeAll(async () => {
    const year = String(new Date().getUTCFullYear());
    referenceDir = await preparedDataDir(new Date());
    await cli(['crawl', ...SELECTION, '--delay', '1'], referenceDir);
    await cli(['indicators', 'compute', '--edition', year], referenceDir);

    database = await createTestDatabase('postgres');
    url = database.location;
    workerDir = temporaryDataDir();
    const env = { DATABASE_URL: url };
    for (const argv of [
      ['import', 'territories'],
      ['referential', 'load'],
      ['edition', 'create', '--year', year],
    ])
      await cli(argv, workerDir, env);
    await cli(['crawl', ...SELECTION, '--queue'], workerDir, env);

    workers = [0, 1, 2].map(() => startWorker(url, workerDir, ['--concurrency', '2', '--until-idle']));
    await Promise.all(workers.map(workerReady));
    // Kill a worker while it holds a site, once a good part of the campaign is stored.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      const crawling = await workersCrawling(url);
      const pages = await scalar(url, 'select count(*) as n from audit_pages');
      const candidate = workers.find((w) => crawling.includes(w.child.pid ?? -1));
      if (pages >= 150 && candidate) {
        candidate.child.kill('SIGKILL');
        killedPid = candidate.child.pid ?? 0;
        pagesAtKill = pages;
        break;
      }
    }
    // Stop another one the polite way: it finishes what it holds, then exits.
    workers.find((w) => w.child.pid !== killedPid)?.child.kill('SIGTERM');
    exits = await Promise.all(workers.map((w) => w.exit));
  }, 600_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await database?.close();
    for (const dir of [referenceDir, workerDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('killed one worker mid-crawl, stopped one gracefully, and the third finished the campaign', () => {
    const byPid = new Map(workers.map((w, i) => [w.child.pid, exits[i]]));
    expect(byPid.get(killedPid)?.signal).toBe('SIGKILL');
    const others = [...byPid].filter(([pid]) => pid !== killedPid).map(([, exit]) => exit);
    for (const exit of others) {
      expect(exit?.code, exit?.output).toBe(0);
      expect(exit?.output).toContain('Travailleur arrêté.');
    }
    expect(others.some((exit) => exit?.output.includes('Arrêt demandé'))).toBe(true);
    expect(pagesAtKill).toBeGreaterThanOrEqual(150);
  });

  it('audits every site exactly once: one job per site, completed, and the run closed', async () => {
    expect(await scalar(url, "select count(*) as n from audit_sites where status <> 'done'")).toBe(0);
    expect(await scalar(url, 'select count(*) as n from audit_sites')).toBe(CODES.length);
    expect(await scalar(url, "select count(*) as n from audit_runs where status = 'completed'")).toBe(1);
    expect(
      await scalar(
        url,
        "select count(distinct singleton_key) as n from pgboss.job where name = 'crawl-site'",
      ),
    ).toBe(CODES.length);
    expect(
      await scalar(
        url,
        "select count(*) as n from pgboss.job where name = 'crawl-site' and state <> 'completed'",
      ),
    ).toBe(0);
    expect(await scalar(url, 'select count(*) as n from job_failures')).toBe(0);
  });

  it('loses nothing and duplicates nothing: pages, findings and assessments equal one process on SQLite', async () => {
    const reference = sqliteOutcome(referenceDir);
    const distributed = await postgresOutcome(url);
    expect(new Set(distributed.pages).size).toBe(distributed.pages.length);
    expect(distributed.pages).toEqual(reference.pages);
    expect(distributed.findings).toEqual(reference.findings);
    expect(distributed.assessments).toEqual(reference.assessments);
    expect(distributed.sites).toEqual(reference.sites);
  });

  it('ends with the indicators of a single-process run on SQLite', async () => {
    const reference = sqliteOutcome(referenceDir);
    const distributed = await postgresOutcome(url);
    expect(reference.indicators.length).toBe(CODES.length);
    expect(distributed.indicators).toEqual(reference.indicators);
  });
});
