import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../../test/support/databases.ts';
import { EDITION_YEAR, type FarmAuditSetup, setUpFarmAudit } from '../../../test/support/farm-audit.ts';
import { type RecordingEnvironment, recordingEnvironment } from '../../../test/support/job-environment.ts';
import { openCampaign } from '../../audits/campaign.service.ts';
import type { Database } from '../../db/database.ts';
import { listAuditTargets } from '../../territories/audit-targets.ts';
import type { JobDefinition } from '../job.types.ts';
import { type CrawlSitePayload, crawlSiteJob } from './crawl-site.job.ts';
import { authorityIndicatorsJob, editionIndicatorsJob } from './indicators.jobs.ts';
import { mailBatchJob } from './mail-batch.job.ts';

/** Runs a job's handler once, as a queue would, with a fresh attempt. */
async function runOnce<P>(definition: JobDefinition<P>, env: RecordingEnvironment, payload: P) {
  await definition.run(env, { id: 'test', payload, attempt: 1, signal: new AbortController().signal });
}

/** Every row a crawl or a computation writes, keyed without ids or timestamps. */
async function snapshot(database: Database) {
  const { db } = database;
  return {
    sites: await db
      .selectFrom('audit_sites')
      .select(['start_url', 'status', 'pages'])
      .orderBy('id')
      .execute(),
    pages: await db.selectFrom('audit_pages').select(['url', 'content_hash']).orderBy('id').execute(),
    findings: await db.selectFrom('audit_findings').select(['page_id', 'service_id', 'level']).execute(),
    checks: await db.selectFrom('portal_checks').select(['site_id', 'key', 'outcome']).execute(),
    assessments: await db.selectFrom('assessments').select(['authority_id', 'service_id', 'level']).execute(),
    indicators: await db
      .selectFrom('authority_indicators')
      .select(['authority_id', 'index_score', 'rank', 'theme_rates'])
      .orderBy('authority_id')
      .execute(),
  };
}

describe.each(TEST_ENGINES)('jobs run twice change nothing more, on %s', (engine) => {
  let database: Database;
  let setup: FarmAuditSetup;
  let env: RecordingEnvironment;
  let payloads: CrawlSitePayload[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    setup = await setUpFarmAudit(database, { seed: 5, sites: 2, pagesPerSite: 25 });
    env = recordingEnvironment(database, { runtime: setup.runtime });
    const campaign = await openCampaign(
      database.db,
      {
        editionYear: EDITION_YEAR,
        targets: await listAuditTargets(database.db, {}),
        limits: { maxPages: 40, maxDepth: 5 },
        simulated: true,
      },
      env.now(),
    );
    payloads = campaign.pending.map((site) => ({
      runId: campaign.runId,
      siteId: site.id,
      editionYear: EDITION_YEAR,
      simulated: true,
      maxPages: 40,
      maxDepth: 5,
    }));
  }, 60_000);
  afterAll(async () => {
    await setup?.close();
    await database?.close();
  });

  it('crawls a site once: the second run fetches nothing and writes nothing', async () => {
    const [first, second] = payloads as [CrawlSitePayload, CrawlSitePayload];
    await runOnce(crawlSiteJob, env, first);
    const after = await snapshot(database);
    expect(after.pages.length).toBeGreaterThan(10);
    expect(after.sites[0]?.status).toBe('done');
    setup.running.resetStats();
    await runOnce(crawlSiteJob, env, first);
    expect(setup.running.stats().requests).toBe(0);
    expect(await snapshot(database)).toEqual(after);
    // Not the last site: the run stays open and nothing follows yet.
    expect(env.queued).toEqual([]);
    await runOnce(crawlSiteJob, env, second);
    expect(env.queued).toEqual([{ kind: 'edition-indicators', payload: { year: EDITION_YEAR } }]);
    await runOnce(crawlSiteJob, env, second);
    expect(env.queued).toHaveLength(1);
    const run = await database.db.selectFrom('audit_runs').select('status').execute();
    expect(run).toEqual([{ status: 'completed' }]);
  }, 60_000);

  it('computes an edition’s and an authority’s indicators to the same rows twice', async () => {
    await runOnce(editionIndicatorsJob, env, { year: EDITION_YEAR });
    const once = await snapshot(database);
    expect(once.indicators.length).toBe(2);
    await runOnce(editionIndicatorsJob, env, { year: EDITION_YEAR });
    const authorityId = once.indicators[0]?.authority_id ?? 0;
    await runOnce(authorityIndicatorsJob, env, { year: EDITION_YEAR, authorityId });
    expect(await snapshot(database)).toEqual(once);
    expect(await database.db.selectFrom('indicator_runs').select('edition_id').execute()).toHaveLength(1);
  }, 60_000);

  it('sends each e-mail of a batch once, and a batch tried after a failure sends only the rest', async () => {
    const mails = ['a@exemple.fr', 'b@exemple.fr', 'c@exemple.fr'].map((to) => ({
      to,
      subject: 'Enquête 2026',
      text: 'Bonjour',
    }));
    const failing = recordingEnvironment(database, { failMailTo: 'b@exemple.fr' });
    await expect(runOnce(mailBatchJob, failing, { batchKey: 'enquete-2026', mails })).rejects.toThrow(
      'relais refusé pour b@exemple.fr',
    );
    expect(failing.sent.map((m) => m.to)).toEqual(['a@exemple.fr']);
    await runOnce(mailBatchJob, env, { batchKey: 'enquete-2026', mails });
    await runOnce(mailBatchJob, env, { batchKey: 'enquete-2026', mails });
    expect(env.sent.map((m) => m.to)).toEqual(['b@exemple.fr', 'c@exemple.fr']);
    expect(await database.db.selectFrom('mail_deliveries').select('recipient').execute()).toHaveLength(3);
  });
});
