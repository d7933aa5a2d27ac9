import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedDataDir } from '../../test/support/cli.ts';

/**
 * The crawl runs in a child process that is killed with SIGKILL mid-crawl, then started again:
 * nothing finished may be lost or written twice, and the result must equal an uninterrupted
 * crawl of the same simulated sites.
 */
const CODES = ['01', '02', '03'];
const CRAWL = ['crawl', '--authority', ...CODES, '--kind', 'departement', '--simulated', '--delay', '1'];
const BIN = path.resolve('bin/barometre.js');

function startCrawl(dataDir: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...CRAWL, '--max-pages', '400', '--concurrency', '3'], {
    env: { ...process.env, BAROMETRE_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
}

function openReadOnly(dataDir: string) {
  return new SqliteDatabase(path.join(dataDir, 'barometre.sqlite'), { readonly: true, fileMustExist: true });
}

interface CrawlOutcome {
  pages: string[];
  findings: string[];
  levels: string[];
}

function outcomeOf(dataDir: string): CrawlOutcome {
  const db = openReadOnly(dataDir);
  try {
    const pages = db
      .prepare(
        "select s.start_url || ' ' || p.url as k from audit_pages p join audit_sites s on s.id = p.site_id",
      )
      .all() as { k: string }[];
    const findings = db
      .prepare(
        `select s.start_url || ' ' || p.url || ' ' || sv.key || ' ' || f.level as k from audit_findings f
         join audit_pages p on p.id = f.page_id join audit_sites s on s.id = p.site_id
         join services sv on sv.id = f.service_id`,
      )
      .all() as { k: string }[];
    const levels = db
      .prepare(
        `select a.code || ' ' || sv.key || ' ' || c.level as k from current_assessments c
         join authorities a on a.id = c.authority_id join services sv on sv.id = c.service_id`,
      )
      .all() as { k: string }[];
    return {
      pages: pages.map((r) => r.k).sort(),
      findings: findings.map((r) => r.k).sort(),
      levels: levels.map((r) => r.k).sort(),
    };
  } finally {
    db.close();
  }
}

describe('a crawl killed with SIGKILL and started again', () => {
  let interruptedDir: string;
  let referenceDir: string;
  let pagesAtKill: { id: number; url: string; content_hash: string | null }[] = [];
  let resumed: Awaited<ReturnType<typeof finished>>;

  beforeAll(async () => {
    // The child processes run with the real clock: the edition must be this year's.
    interruptedDir = await preparedDataDir(new Date());
    referenceDir = await preparedDataDir(new Date());

    const reference = await finished(startCrawl(referenceDir));
    expect(reference.code, reference.output).toBe(0);

    const child = startCrawl(interruptedDir);
    const exit = finished(child);
    // Kill once a good part of the crawl is stored, while sites are still being crawled.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!fs.existsSync(path.join(interruptedDir, 'barometre.sqlite'))) continue;
      const db = openReadOnly(interruptedDir);
      const stored = db.prepare('select count(*) as n from audit_pages').get() as { n: number };
      db.close();
      if (stored.n >= 150) break;
    }
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');
    const db = openReadOnly(interruptedDir);
    pagesAtKill = db
      .prepare('select id, url, content_hash from audit_pages order by id')
      .all() as typeof pagesAtKill;
    const run = db.prepare('select status from audit_runs').get() as { status: string };
    expect(run.status).toBe('running');
    db.close();

    resumed = await finished(startCrawl(interruptedDir));
  }, 240_000);

  afterAll(() => {
    for (const dir of [interruptedDir, referenceDir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resumes the unfinished run and completes it', () => {
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain('Collecte reprise');
    const db = openReadOnly(interruptedDir);
    expect(db.prepare('select status from audit_runs').all()).toEqual([{ status: 'completed' }]);
    expect(db.prepare("select count(*) as n from audit_sites where status <> 'done'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('fetches again only the pages that were not stored before the kill', () => {
    const db = openReadOnly(interruptedDir);
    const total = (db.prepare('select count(*) as n from audit_pages').get() as { n: number }).n;
    db.close();
    const fetched = Number(/pages\s+([\d\s\u202f]+)\n/.exec(resumed.output)?.[1]?.replace(/\D/g, ''));
    expect(fetched).toBe(total - pagesAtKill.length);
  });

  it('keeps every page stored before the kill, unchanged', () => {
    const db = openReadOnly(interruptedDir);
    const after = db
      .prepare('select id, url, content_hash from audit_pages where id <= ?')
      .all(pagesAtKill.at(-1)?.id ?? 0);
    db.close();
    expect(after).toEqual(pagesAtKill);
  });

  it('writes no page and no finding twice, and ends where an uninterrupted crawl ends', () => {
    const interrupted = outcomeOf(interruptedDir);
    const reference = outcomeOf(referenceDir);
    expect(new Set(interrupted.pages).size).toBe(interrupted.pages.length);
    expect(new Set(interrupted.findings).size).toBe(interrupted.findings.length);
    expect(interrupted.pages).toEqual(reference.pages);
    expect(interrupted.findings).toEqual(reference.findings);
    expect(interrupted.levels).toEqual(reference.levels);
  });
});
