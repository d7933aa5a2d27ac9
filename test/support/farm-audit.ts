import path from 'node:path';
import { type CrawlerRuntime, createCrawlerRuntime } from '../../src/crawl/crawler-runtime.ts';
import type { Database } from '../../src/db/database.ts';
import { createEdition } from '../../src/editions/editions.service.ts';
import type { Farm } from '../../src/farm/farm.types.ts';
import { generateFarm } from '../../src/farm/generate.ts';
import { type RunningFarm, startFarm } from '../../src/farm/server.ts';
import { defaultReferentialRoot, loadReferential } from '../../src/referential/referential.loader.ts';
import { storeReferential } from '../../src/referential/referential.repository.ts';
import type { Referential } from '../../src/referential/referential.schema.ts';
import { createAuthority } from './authority-factory.ts';

export const EDITION_YEAR = 2026;

export interface FarmAuditSetup {
  referential: Referential;
  farm: Farm;
  running: RunningFarm;
  runtime: CrawlerRuntime;
  close(): Promise<void>;
}

export async function shippedReferential(): Promise<Referential> {
  return loadReferential(path.join(defaultReferentialRoot(), '2026.1'));
}

/**
 * A database holding the shipped referential, the edition and one département per farm site
 * with the site as its website, and the farm running on 127.0.0.1 with a crawler runtime that
 * reaches it. Politeness is relaxed (no delay) since the farm is ours.
 */
export async function setUpFarmAudit(
  database: Database,
  options: { seed: number; sites: number; pagesPerSite: number; latencyMs?: number },
): Promise<FarmAuditSetup> {
  const referential = await shippedReferential();
  const now = new Date('2026-11-21T12:00:00Z');
  await storeReferential(database.db, referential, now);
  await createEdition(database.db, { year: EDITION_YEAR, referentialVersion: referential.version }, now);
  const farm = generateFarm({
    seed: options.seed,
    sites: options.sites,
    referential,
    pagesPerSite: options.pagesPerSite,
    crawlDelaySite: false,
  });
  for (const site of farm.sites) {
    const id = await createAuthority(database.db, { kind: 'departement', code: site.code, name: site.name });
    await database.db
      .insertInto('authority_websites')
      .values({
        authority_id: id,
        url: site.homeUrl,
        source: 'farm',
        added_at: now.toISOString(),
        retired_at: null,
      })
      .execute();
  }
  // Slow pages test the crawler's timeouts (src/crawl); here they would only slow the suite down.
  const running = await startFarm(farm, { latencyMs: options.latencyMs ?? 0, slowPages: false });
  const runtime = createCrawlerRuntime(
    { crawlUserAgent: undefined, crawlDelayMs: 0, crawlHostConcurrency: 4 },
    {
      network: {
        connectTo: running.connectTo,
        allowPrivateNetwork: true,
        ...(running.ca ? { ca: running.ca } : {}),
      },
    },
  );
  return {
    referential,
    farm,
    running,
    runtime,
    close: async () => {
      await runtime.close();
      await running.close();
    },
  };
}
