import os from 'node:os';
import path from 'node:path';
import type { Mail } from '../../src/mail/mailer.ts';
import { buildWebServices } from '../../src/main/web.ts';
import { type Logger, silentLogger } from '../../src/shared/logger.ts';
import { createWebApp } from '../../src/web/app.ts';
import { loadStylesheet, type Stylesheet } from '../../src/web/assets/stylesheet.ts';
import type { TlsSettings } from '../../src/web/middleware/security-headers.ts';
import type { WebServices } from '../../src/web/web-services.ts';
import { createAuthority, SAMPLE_AUTHORITIES } from './authority-factory.ts';
import type { TestEngine } from './databases.ts';
import { inProcessTestJobs, type TestJobs } from './job-queues.ts';
import { createReviewWorld, type ReviewWorld } from './review-world.ts';

/**
 * A small public site over a real database: the review world's referential, an edition with
 * proposals for the Ain, a website and sample communes, served by the real app.
 */
export interface WebWorld extends ReviewWorld {
  app: ReturnType<typeof createWebApp>;
  ids: { ain: number; bourg: number; region: number };
  /** E-mails the site sent (password reset links), in order. */
  mails: Mail[];
  /** The server's in-process queue (indicators after a review, survey e-mails). */
  jobs: TestJobs;
  close(): Promise<void>;
}

/** A tiny stylesheet for HTTP tests; browser tests use the real one (realStylesheet). */
export const TEST_STYLESHEET: Stylesheet = { href: '/assets/barometre.test.css', css: 'body{margin:0}' };

export function realStylesheet(): Promise<Stylesheet> {
  return loadStylesheet({ cacheDir: path.join(os.tmpdir(), 'barometre-test-css') });
}

export async function createWebWorld(
  engine: TestEngine,
  options: {
    stylesheet?: Stylesheet;
    tls?: TlsSettings;
    logger?: Logger;
    services?: (real: WebServices) => WebServices;
  } = {},
): Promise<WebWorld> {
  const world = await createReviewWorld(engine);
  const { db } = world;
  const region = await createAuthority(db, SAMPLE_AUTHORITIES.regionAura);
  const ain = await createAuthority(db, SAMPLE_AUTHORITIES.ain);
  const bourg = await createAuthority(db, SAMPLE_AUTHORITIES.bourg);
  await createAuthority(db, SAMPLE_AUTHORITIES.abergement);
  await db
    .updateTable('authorities')
    .set({ population: 41365, population_year: 2023 })
    .where('id', '=', bourg)
    .execute();
  await db
    .insertInto('authority_websites')
    .values({
      authority_id: ain,
      url: 'https://www.ain.fr/',
      source: 'test',
      added_at: '2026-01-01T00:00:00Z',
      retired_at: null,
    })
    .execute();
  await db
    .insertInto('authority_finances')
    .values({
      authority_id: ain,
      year: 2024,
      operating_revenue: 612345678,
      source: 'test',
      imported_at: '2026-01-01T00:00:00Z',
    })
    .execute();
  const edition = await world.edition(2026);
  await world.propose({
    editionId: edition,
    authorityId: ain,
    service: 'apa',
    level: 4,
    evidenceUrl: 'https://www.ain.fr/apa',
  });
  await world.propose({ editionId: edition, authorityId: ain, service: 'rsa', level: 2 });
  await world.propose({ editionId: edition, authorityId: ain, service: 'fsl', level: 0 });

  const mails: Mail[] = [];
  const mailer = { send: async (mail: Mail) => void mails.push(mail) };
  const jobs = await inProcessTestJobs(world.database.db, { mailer });
  const real = buildWebServices(world.database, { mailer, jobs: jobs.queue });
  // Postal codes of the sample communes only: reading the COG's 35,000 communes is not what is tested.
  const services: WebServices = {
    ...real,
    search: (query, limit) => searchService.search(query, limit),
  };
  const { createAuthoritySearch } = await import('../../src/territories/authority-search.service.ts');
  const searchService = createAuthoritySearch(db, {
    postalCodes: () =>
      new Map([
        ['01000', ['01053']],
        ['01400', ['01001']],
      ]),
  });
  const app = createWebApp({
    services: options.services ? options.services(services) : services,
    stylesheet: options.stylesheet ?? TEST_STYLESHEET,
    logger: options.logger ?? silentLogger,
    tls: options.tls ?? { tls: false, trustProxy: false },
    version: '0.0.0-test',
  });
  return {
    ...world,
    app,
    ids: { ain, bourg, region },
    mails,
    jobs,
    close: async () => {
      await jobs.close();
      await world.database.close();
    },
  };
}
