import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { HOME, portalContent, portalPage } from '../../test/support/portal-pages.ts';
import type { CrawledPage } from '../crawl/crawl.types.ts';
import type { Database } from '../db/database.ts';
import type { DetectionPool } from '../detection/detection-pool.ts';
import type { PageContent } from '../detection/page.ts';
import { createEdition } from '../editions/editions.service.ts';
import { createPortalAccumulator } from '../portal/portal-checks.ts';
import { createRun } from './audits.repository.ts';
import { createPageSink, MAX_PAGES_IN_HAND, type PageSink, type SinkSite } from './page-sink.ts';

const NOW = new Date('2026-11-22T00:00:00Z');

/** A crawled page of the site: portal checks' test page with what the crawler adds. */
function page(path: string, title = path): CrawledPage {
  const url = `${HOME}${path}`;
  return {
    ...portalPage(url),
    contentType: 'text/html',
    charset: 'utf-8',
    contentHash: null,
    content: { ...portalContent({ title }), url, lang: 'fr' },
    platform: null,
    enqueued: [],
    error: null,
    renderedWith: 'http',
  };
}

describe.each(TEST_ENGINES)('page sink on %s', (engine) => {
  let database: Database;
  let site: SinkSite;
  /** Detections held until released, to see what the crawl is told meanwhile. */
  let held: (() => void)[];
  let stored: string[];
  let failed: string[];
  let sink: PageSink;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    const db = database.db;
    await db
      .insertInto('referential_versions')
      .values({ version: '2026.1', checksum: 'x', loaded_at: NOW.toISOString() })
      .execute();
    const edition = await createEdition(db, { year: 2026, referentialVersion: '2026.1' }, NOW);
    const run = await createRun(db, edition.id, {}, NOW);
    const inserted = await db
      .insertInto('audit_sites')
      .values({
        run_id: run.id,
        start_url: HOME,
        status: 'running',
        summary: null,
        error: null,
        started_at: null,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    site = { siteId: inserted.id, competences: ['departement'], portal: createPortalAccumulator(HOME) };
    held = [];
    stored = [];
    failed = [];
    const detection: DetectionPool = {
      detect: (_kinds, content: PageContent) =>
        new Promise((resolve) =>
          held.push(() =>
            resolve({
              url: content.url,
              failedDetectors: [],
              // A finding of an unknown service cannot be stored (foreign key): its page fails.
              detections:
                content.title === 'broken'
                  ? [{ serviceKey: 'unknown', level: 1, confidence: 1, evidence: {} as never }]
                  : [],
            }),
          ),
        ),
      close: async () => undefined,
    };
    sink = createPageSink({
      db,
      detection,
      serviceIds: new Map([['unknown', 999_999]]),
      now: () => NOW,
      onStored: (p) => stored.push(p.url),
      onFailure: (p) => failed.push(p.url),
    });
  });
  afterEach(() => database.close());

  const release = () => {
    for (const resolve of held.splice(0)) resolve();
  };
  const storedUrls = async () =>
    (await database.db.selectFrom('audit_pages').select('url').orderBy('url').execute()).map(
      (row) => row.url,
    );

  it('gives the crawl its slot back before the page is stored, up to a limit per site', async () => {
    let accepted = 0;
    const handing = Array.from({ length: MAX_PAGES_IN_HAND }, (_, index) =>
      sink.handle(page(`p${index}`), site).then(() => {
        accepted += 1;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The last one filled the site's hands: it waits for room.
    expect(accepted).toBe(MAX_PAGES_IN_HAND - 1);
    expect(await storedUrls()).toEqual([]);
    release();
    await Promise.all(handing);
    expect(await sink.settle(site)).toBe(0);
    expect((await storedUrls()).length).toBe(MAX_PAGES_IN_HAND);
    expect(stored.length).toBe(MAX_PAGES_IN_HAND);
  });

  it('settles a site once every page is stored, and counts the pages that could not be', async () => {
    await sink.handle(page('a'), site);
    await sink.handle(page('b', 'broken'), site);
    await sink.handle(page('c'), site);
    const settled = sink.settle(site);
    release();
    expect(await settled).toBe(1);
    expect(await storedUrls()).toEqual([`${HOME}a`, `${HOME}c`]);
    expect(failed).toEqual([`${HOME}b`]);
  });
});
