import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { type FarmAuditSetup, setUpFarmAudit } from '../../test/support/farm-audit.ts';
import { installationTestJobs, type TestJobs } from '../../test/support/job-queues.ts';
import type { Database } from '../db/database.ts';
import { recordJobFailure } from '../jobs/job-failures.repository.ts';
import { createQueuedCrawls } from './queued-crawls.ts';

/**
 * Back-office crawls on the workers' queue (pg-boss on the PostgreSQL test server, the in-process
 * queue elsewhere), over two farm sites: the web process only queues and reads the run's state.
 */
describe.each(TEST_ENGINES)('queued back-office crawls (%s)', (engine) => {
  let database: Database;
  let setup: FarmAuditSetup;
  let jobs: TestJobs;
  const now = () => new Date('2026-11-22T08:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    setup = await setUpFarmAudit(database, { seed: 11, sites: 2, pagesPerSite: 6 });
  });
  afterAll(async () => {
    await jobs?.close();
    await setup?.close();
    await database?.close();
  });

  it('queues one job per site, logs who asked, and reads the state from the run', async () => {
    const { db } = database;
    // A queue whose workers take nothing yet: the campaign waits for them.
    jobs = await installationTestJobs(database, { kinds: [], runtime: setup.runtime, now });
    const crawls = createQueuedCrawls({ db, now, queue: jobs.queue, simulated: true });
    const queuedSites = async () =>
      (await jobs.queue.status(60)).kinds.find((k) => k.kind === 'crawl-site')?.queued;
    expect(await crawls.state(2026)).toEqual({ running: false, failure: undefined });
    expect(await crawls.start({ year: 2026, actor: 'admin@b.fr' })).toEqual({ sites: 2 });
    expect(await crawls.state(2026)).toEqual({ running: true, failure: undefined });
    expect(await queuedSites()).toBe(2);
    // Asked again while it waits: nothing is queued twice.
    await crawls.start({ year: 2026, actor: 'admin@b.fr' });
    expect(await queuedSites()).toBe(2);
    const logged = await db.selectFrom('audit_log').select(['actor', 'action']).execute();
    expect(logged).toEqual([
      { actor: 'admin@b.fr', action: 'crawl_started' },
      { actor: 'admin@b.fr', action: 'crawl_started' },
    ]);

    // The workers take the jobs: every site audited once, the run closed, the state follows.
    await jobs.queue.stop({ graceful: true });
    await jobs.queue.work(['crawl-site', 'edition-indicators'], { concurrency: 2 });
    await jobs.queue.drained();
    const sites = await db.selectFrom('audit_sites').select(['status']).execute();
    expect(sites.map((s) => s.status)).toEqual(['done', 'done']);
    expect(await crawls.state(2026)).toEqual({ running: false, failure: undefined });
    expect(jobs.env.queued).toEqual([{ kind: 'edition-indicators', payload: { year: 2026 } }]);
  });

  it('says which site failed for good on a worker, until it is audited again', async () => {
    const { db } = database;
    const crawls = createQueuedCrawls({ db, now, queue: jobs.queue, simulated: true });
    const edition = await db
      .selectFrom('editions')
      .select('id')
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto('audit_runs')
      .values({ edition_id: edition.id, status: 'running', options: '{}', started_at: now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('audit_sites')
      .values({ run_id: run.id, start_url: 'https://www.exemple.fr/', status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // As the dead-letter queue records a job whose last attempt failed.
    await recordJobFailure(
      db,
      {
        kind: 'crawl-site',
        jobId: 'j-1',
        payload: { runId: run.id, siteId: site.id },
        attempts: 4,
        error: 'base injoignable',
      },
      now(),
    );
    expect(await crawls.state(2026)).toEqual({
      running: true,
      failure: 'l’audit du site https://www.exemple.fr/ a échoué après 4 essai(s) (base injoignable)',
    });
    await db.updateTable('audit_sites').set({ status: 'done' }).where('id', '=', site.id).execute();
    expect(await crawls.state(2026)).toEqual({ running: true, failure: undefined });
  });
});
