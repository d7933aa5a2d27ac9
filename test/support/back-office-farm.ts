import type { Database } from '../../src/db/database.ts';
import type { Mail } from '../../src/mail/mailer.ts';
import { buildWebServices } from '../../src/main/web.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { createWebApp } from '../../src/web/app.ts';
import type { Stylesheet } from '../../src/web/assets/stylesheet.ts';
import type { WebServices } from '../../src/web/web-services.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';
import { type FarmAuditSetup, setUpFarmAudit } from './farm-audit.ts';
import { inProcessTestJobs } from './job-queues.ts';
import { createRoleUsers } from './web-client.ts';
import { TEST_STYLESHEET } from './web-world.ts';

/**
 * The back office over the fixture farm: the shipped referential, one département per farm site
 * with the site as its website, one account per role (the representative speaks for the first
 * site's département), and the real app whose crawls reach the farm on 127.0.0.1.
 */
export interface FarmBackOffice {
  setup: FarmAuditSetup;
  db: Database['db'];
  app: ReturnType<typeof createWebApp>;
  services: WebServices;
  /** The départements of the farm's sites, in site order. */
  authorities: { id: number; code: string; name: string; homeUrl: string }[];
  mails: Mail[];
  close(): Promise<void>;
}

export async function createFarmBackOffice(
  engine: TestEngine,
  options: { sites: number; pagesPerSite: number; stylesheet?: Stylesheet },
): Promise<FarmBackOffice> {
  const database = await createTestDatabase(engine);
  const setup = await setUpFarmAudit(database, {
    seed: 11,
    sites: options.sites,
    pagesPerSite: options.pagesPerSite,
  });
  const authorities = [];
  for (const site of setup.farm.sites) {
    const { id } = await database.db
      .selectFrom('authorities')
      .select('id')
      .where('code', '=', site.code)
      .where('kind', '=', 'departement')
      .executeTakeFirstOrThrow();
    authorities.push({ id, code: site.code, name: site.name, homeUrl: site.homeUrl });
  }
  const first = authorities[0];
  if (!first) throw new Error('the farm has no site');
  await createRoleUsers(database.db, first.id);
  const mails: Mail[] = [];
  const mailer = { send: async (mail: Mail) => void mails.push(mail) };
  const jobs = await inProcessTestJobs(database.db, { mailer });
  const services = buildWebServices(database, {
    mailer,
    jobs: jobs.queue,
    // The farm's runtime outlives each crawl: the set-up closes it.
    openCrawlEnvironment: async () => ({ runtime: setup.runtime, simulated: true, close: async () => {} }),
  });
  const app = createWebApp({
    services,
    stylesheet: options.stylesheet ?? TEST_STYLESHEET,
    logger: silentLogger,
    tls: { tls: false, trustProxy: false },
    version: '0.0.0-test',
  });
  return {
    setup,
    db: database.db,
    app,
    services,
    authorities,
    mails,
    close: async () => {
      await services.editionAdmin.stopCrawls();
      await jobs.close();
      await setup.close();
      await database.close();
    },
  };
}
