import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority } from '../../test/support/authority-factory.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { createEditionRow } from '../../test/support/editions.ts';
import { createReferential } from '../../test/support/indicator-world.ts';
import type { Database } from '../db/database.ts';
import { crawlProgress } from './crawl-progress.query.ts';

/** The progress page's figures on a small run: sites, shared websites, pages by fetch status. */
describe.each(TEST_ENGINES)('crawl progress (%s)', (engine) => {
  let database: Database;
  let editionId: number;
  const at = '2026-11-22T08:00:00.000Z';

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await createReferential(db, '2026.1');
    editionId = await createEditionRow(db, 2026, '2026.1');
  });
  afterAll(() => database?.close());

  it('counts sites done and pages by status, and lists each site with the authorities sharing it', async () => {
    const { db } = database;
    expect(await crawlProgress(db, editionId)).toBeUndefined();
    const ain = await createAuthority(db, { kind: 'departement', code: '01', name: 'Ain' });
    const aisne = await createAuthority(db, { kind: 'departement', code: '02', name: 'Aisne' });
    const allier = await createAuthority(db, { kind: 'departement', code: '03', name: 'Allier' });
    const run = await db
      .insertInto('audit_runs')
      .values({ edition_id: editionId, status: 'running', options: '{}', started_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = async (url: string, status: 'done' | 'failed' | 'running', authorityIds: number[]) => {
      const { id } = await db
        .insertInto('audit_sites')
        .values({ run_id: run.id, start_url: url, status, error: status === 'failed' ? 'DNS' : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const authorityId of authorityIds)
        await db
          .insertInto('audit_site_authorities')
          .values({ site_id: id, authority_id: authorityId })
          .execute();
      return id;
    };
    const shared = await site('https://shared.test/', 'done', [aisne, ain]);
    const failed = await site('https://failed.test/', 'failed', [allier]);
    const running = await site('https://running.test/', 'running', []);
    const pages: [number, string][] = [
      [shared, 'ok'],
      [shared, 'ok'],
      [shared, 'http_error'],
      [running, 'ok'],
      [running, 'timeout'],
      [running, 'timeout'],
    ];
    await db
      .insertInto('audit_pages')
      .values(
        pages.map(([siteId, status], i) => ({
          site_id: siteId,
          url: `https://x.test/${i}`,
          final_url: `https://x.test/${i}`,
          depth: 0,
          status,
          http_status: null,
          content_type: null,
          charset: null,
          bytes: 0,
          elapsed_ms: 0,
          content_hash: null,
          platform: null,
          title: null,
          enqueued: '[]',
          portal_facts: null,
          error: null,
          fetched_at: at,
        })),
      )
      .execute();

    const progress = await crawlProgress(db, editionId);
    expect(progress).toMatchObject({ sitesTotal: 3, sitesDone: 2, pages: 6, errors: 3 });
    expect(
      progress?.sites.map(({ siteId, status, pages, byStatus, authorities }) => ({
        siteId,
        status,
        pages,
        byStatus,
        authorities: authorities.map((a) => a.code),
      })),
    ).toEqual([
      {
        siteId: shared,
        status: 'done',
        pages: 3,
        byStatus: { ok: 2, http_error: 1 },
        authorities: ['01', '02'],
      },
      { siteId: failed, status: 'failed', pages: 0, byStatus: {}, authorities: ['03'] },
      { siteId: running, status: 'running', pages: 3, byStatus: { ok: 1, timeout: 2 }, authorities: [] },
    ]);
  });
});
