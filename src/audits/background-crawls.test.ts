import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { silentLogger } from '../shared/logger.ts';
import { type CrawlEnvironment, createBackgroundCrawls } from './background-crawls.ts';

/**
 * The background crawls' own rules, without a network: what is refused before anything starts,
 * one crawl per edition at a time, and a crawl that fails says why instead of vanishing.
 */
describe.each(TEST_ENGINES)('background crawls (%s)', (engine) => {
  let world: ReviewWorld;
  const now = () => new Date('2026-11-22T08:00:00Z');

  beforeAll(async () => {
    world = await createReviewWorld(engine);
    await world.edition(2026);
    const published = await world.edition(2025);
    await world.db.updateTable('editions').set({ status: 'published' }).where('id', '=', published).execute();
  });
  afterAll(() => world?.database.close());

  it('refuses an unknown or published edition, and an edition with no website to crawl', async () => {
    const crawls = createBackgroundCrawls({ db: world.db, now, logger: silentLogger, open: () => never() });
    await expect(crawls.start({ year: 2031, actor: 'a@b.fr' })).rejects.toThrow('n’existe pas');
    await expect(crawls.start({ year: 2025, actor: 'a@b.fr' })).rejects.toThrow('est publiée');
    await expect(crawls.start({ year: 2026, actor: 'a@b.fr' })).rejects.toThrow(
      'aucune n’a de site internet',
    );
    expect(await world.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('runs one crawl per edition at a time, logs its start, and keeps the reason it failed', async () => {
    const authority = await world.authority();
    await world.db
      .insertInto('authority_websites')
      .values({
        authority_id: authority,
        url: 'https://site.test/',
        source: 'test',
        added_at: now().toISOString(),
        retired_at: null,
      })
      .execute();
    let fail: (error: Error) => void = () => {};
    const opened = new Promise<CrawlEnvironment>((_, reject) => {
      fail = reject;
    });
    const crawls = createBackgroundCrawls({ db: world.db, now, logger: silentLogger, open: () => opened });
    expect(await crawls.start({ year: 2026, actor: 'admin@b.fr' })).toEqual({ sites: 1 });
    expect((await crawls.state(2026)).running).toBe(true);
    await expect(crawls.start({ year: 2026, actor: 'admin@b.fr' })).rejects.toThrow('déjà en cours');
    fail(new Error('réseau indisponible'));
    for (let i = 0; i < 100 && (await crawls.state(2026)).running; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await crawls.state(2026)).toEqual({
      running: false,
      failure: 'la collecte s’est arrêtée (réseau indisponible)',
    });
    const logged = await world.db.selectFrom('audit_log').select(['actor', 'action', 'after']).execute();
    expect(logged).toEqual([
      {
        actor: 'admin@b.fr',
        action: 'crawl_started',
        after: JSON.stringify({ sites: 1, authorityIds: [authority] }),
      },
    ]);
  });
});

function never(): never {
  throw new Error('no crawl may start here');
}
