import path from 'node:path';
import { Readable } from 'node:stream';
import { type ServerType, serve } from '@hono/node-server';
import { completePasswordReset, requestPasswordReset } from '../accounts/password-reset.service.ts';
import { resolveSession, signIn, signOut } from '../accounts/sessions.service.ts';
import { assessedServicesOfAuthority } from '../assessments/assessments.repository.ts';
import { endToEndByDepartement } from '../assessments/end-to-end-by-departement.query.ts';
import { levelDistribution } from '../assessments/level-distribution.query.ts';
import { themeServiceRates } from '../assessments/theme-service-rates.query.ts';
import { listChanges } from '../audit-log/audit-log.repository.ts';
import { latestRun, latestSiteAudit } from '../audits/audits.repository.ts';
import type { OpenCrawlEnvironment } from '../audits/background-crawls.ts';
import type { Config } from '../config/config.ts';
import { createCrawlerRuntime } from '../crawl/crawler-runtime.ts';
import type { Database } from '../db/database.ts';
import type { AuthorityKind } from '../db/schema.ts';
import { findCurrentEdition } from '../editions/current-edition.ts';
import { dataStamp } from '../editions/data-stamp.query.ts';
import { listEditions } from '../editions/editions.service.ts';
import { loadAuthorityIndicators } from '../indicators/indicators.repository.ts';
import { editionIndicatorRun, listAuthorityIndicators } from '../indicators/indicators.service.ts';
import { queueIndicatorsAfterReview } from '../indicators/indicators-follow-up.ts';
import { authorityHistory } from '../indicators/queries/authority-history.query.ts';
import { rankingPage } from '../indicators/queries/ranking-page.query.ts';
import { shippedTaxonomy } from '../initiatives/domains.ts';
import { publishedInitiatives } from '../initiatives/export/published-initiatives.query.ts';
import { listInitiatives } from '../initiatives/initiatives.repository.ts';
import type { JobQueue } from '../jobs/job.types.ts';
import { type Mailer, outboxMailer } from '../mail/mailer.ts';
import { themesOfReferential } from '../referential/themes.query.ts';
import {
  datasetCsv,
  datasetSchema,
  editionDataPackage,
  editionDatasets,
} from '../reports/exports/open-data.service.ts';
import { DEFAULT_DATA_LICENCE } from '../reports/exports/table-schema.ts';
import { readReportFile, reportFiles } from '../reports/report/report-files.ts';
import { UserError } from '../shared/errors.ts';
import { type Logger, silentLogger } from '../shared/logger.ts';
import { recentValue, stampedMemo } from '../shared/stamped-memo.ts';
import { listAuthorities } from '../territories/authority-list.repository.ts';
import { findAuthorityProfile } from '../territories/authority-profile.repository.ts';
import { cogPostalCodeIndex, createAuthoritySearch } from '../territories/authority-search.service.ts';
import { createWebApp } from '../web/app.ts';
import { loadStylesheet } from '../web/assets/stylesheet.ts';
import { overseasShapes } from '../web/map/overseas-shapes.ts';
import { createPageCache, isCacheablePath } from '../web/middleware/page-cache.ts';
import type { WebServices } from '../web/web-services.ts';
import { type BackOfficeOptions, buildBackOfficeServices } from './back-office-services.ts';
import { openServerJobs } from './jobs.ts';
import { buildWebReview } from './web-review.ts';
import { buildSurveyAdmin } from './web-survey-admin.ts';
import { buildWebSurveys } from './web-surveys.ts';

/** Composition root of the web server: domain services over one database, the app, the listener. */
export function buildWebServices(
  database: Database,
  options: {
    /**
     * Transactional e-mails (a password reset awaited on the page) go straight to the mailer;
     * bulk ones (survey invitations) through `mail-batch` jobs of `jobs`.
     */
    mailer: Mailer;
    /** Where follow-up work goes: indicators after a review, survey e-mails. */
    jobs: Pick<JobQueue, 'enqueue' | 'enqueueMany'>;
    now?: () => Date;
    logger?: Logger;
    publicUrl?: string;
    /** Where crawls started from the back office run (the real web when served). */
    openCrawlEnvironment?: OpenCrawlEnvironment;
    /** Instead, on PostgreSQL: the workers' queue those crawls go to (see BackOfficeOptions). */
    crawlQueue?: BackOfficeOptions['crawlQueue'];
    /** Where `barometre report` wrote the edition reports (its default); none are served without it. */
    dataDir?: string;
  },
): WebServices {
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const search = createAuthoritySearch(db);
  // Edition-wide reads cost seconds on a full-France edition (a scan of millions of assessments,
  // thousands of peers): each is kept until the data stamp changes. With better-sqlite3 a query
  // blocks the event loop, so these would otherwise stall every other request.
  const stamp = () => dataStamp(db);
  const memo = <A extends readonly unknown[], T>(load: (...args: A) => Promise<T>) =>
    stampedMemo(stamp, load, { limit: 200 });
  const indicatorRun = memo((year: number) => undefinedIfNotFound(editionIndicatorRun(db, year)));
  return {
    currentEdition: () => findCurrentEdition(db),
    listEditions: () => listEditions(db),
    search: (query, limit) => search.search(query, limit),
    authorityProfile: (kind, code) => findAuthorityProfile(db, kind, code),
    async authorityAssessments(editionId, authorityId) {
      const [services, audit] = await Promise.all([
        assessedServicesOfAuthority(db, editionId, authorityId),
        latestSiteAudit(db, editionId, authorityId),
      ]);
      return { services, audit };
    },
    endToEndByDepartement: memo((editionId: number) => endToEndByDepartement(db, editionId)),
    levelDistribution: memo((editionId: number) => levelDistribution(db, editionId)),
    async latestAuditRun(editionId) {
      const run = await latestRun(db, editionId);
      return run
        ? { simulated: (JSON.parse(run.options) as { simulated?: boolean }).simulated === true }
        : undefined;
    },
    listAuthorities: (filter) => listAuthorities(db, filter),
    rankingPage: (filter) => rankingPage(db, filter),
    openData: {
      datasets: (year) => editionDatasets(db, year),
      async csv(year, table) {
        const stream = await datasetCsv(db, year, table);
        return stream && (Readable.toWeb(stream) as ReadableStream<Uint8Array>);
      },
      schema: (year, table) => datasetSchema(db, year, table),
      dataPackage: (year) => editionDataPackage(db, year, { now: now(), licence: DEFAULT_DATA_LICENCE }),
    },
    indicatorRun,
    async authorityIndicators(year, kind, code) {
      // By the profile's indexed lookup, not the code resolver that loads every authority.
      const [run, profile] = await Promise.all([indicatorRun(year), findAuthorityProfile(db, kind, code)]);
      if (!run || !profile) return undefined;
      const [indicators] = await loadAuthorityIndicators(db, run.edition.id, { authorityIds: [profile.id] });
      return indicators && { run, indicators };
    },
    authorityHistory: (authorityId) => authorityHistory(db, authorityId),
    kindIndicators: memo(
      async (year: number, kind: AuthorityKind, peerGroup?: string) =>
        (await undefinedIfNotFound(
          listAuthorityIndicators(db, year, { kind, ...(peerGroup === undefined ? {} : { peerGroup }) }),
        )) ?? [],
    ),
    initiatives: {
      published: () => publishedInitiatives(db),
      ofAuthority: (authorityId) => listInitiatives(db, { authorityId, status: 'published' }),
      taxonomy: shippedTaxonomy,
    },
    reports: {
      files: async (year) => (options.dataDir ? reportFiles(options.dataDir, year) : []),
      read: async (year, format) =>
        options.dataDir ? readReportFile(options.dataDir, year, format) : undefined,
    },
    themes: (version) => themesOfReferential(db, version),
    themeServiceRates: (input) => themeServiceRates(db, input),
    accounts: {
      signIn: (input) => signIn(db, input, now()),
      resolveSession: (token) => resolveSession(db, token, now()),
      signOut: (token) => signOut(db, token),
      requestPasswordReset: (email, resetUrl) =>
        requestPasswordReset(db, options.mailer, { email, resetUrl }, now()),
      completePasswordReset: (token, password) => completePasswordReset(db, { token, password }, now()),
      auditLog: ({ beforeId, limit }) => listChanges(db, { limit, ...(beforeId ? { beforeId } : {}) }),
    },
    review: buildWebReview(
      db,
      now,
      queueIndicatorsAfterReview(db, (kind, payload, enqueueOptions) =>
        options.jobs.enqueue(kind, payload, enqueueOptions),
      ),
    ),
    ...buildBackOfficeServices(database, {
      mailer: options.mailer,
      now,
      logger: options.logger ?? silentLogger,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(options.openCrawlEnvironment ? { openCrawlEnvironment: options.openCrawlEnvironment } : {}),
      ...(options.crawlQueue ? { crawlQueue: options.crawlQueue } : {}),
    }),
    surveys: buildWebSurveys(db, now),
    ...buildSurveyAdmin(db, {
      jobs: options.jobs,
      now,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    }),
  };
}

/** Pages show « not computed yet » rather than an error when an edition has no indicators. */
async function undefinedIfNotFound<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof UserError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export interface RunningWebServer {
  url: string;
  /** Stops accepting connections and waits for requests in flight, at most `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export async function startWebServer(options: {
  config: Config;
  database: Database;
  logger: Logger;
  version: string;
  /** 0 picks a free port (tests). */
  port?: number;
  hostname?: string;
  /** False serves every request afresh (bench:web measures both). */
  pageCache?: boolean;
}): Promise<RunningWebServer> {
  const { config, logger } = options;
  const stylesheet = await loadStylesheet({ cacheDir: path.join(config.dataDir, 'cache') });
  // Read once at start rather than on the first visitor's request (about 1.5 s together).
  overseasShapes();
  cogPostalCodeIndex();
  const mailer = outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom, () => new Date());
  const jobs = await openServerJobs(config, options.database, mailer);
  const services = buildWebServices(options.database, {
    dataDir: config.dataDir,
    jobs: jobs.queue,
    mailer,
    logger,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    // Crawls started from the back office reach the real web, as `barometre crawl` does: on
    // PostgreSQL through the workers' queue, on SQLite (one machine) in this process.
    ...(jobs.queue.name === 'pg-boss'
      ? { crawlQueue: { queue: jobs.queue, simulated: false } }
      : {
          openCrawlEnvironment: async () => {
            const runtime = createCrawlerRuntime(config);
            return { runtime, simulated: false, close: () => runtime.close() };
          },
        }),
  });
  const app = createWebApp({
    services,
    stylesheet,
    logger,
    tls: { tls: config.webTls, trustProxy: config.webTrustProxy },
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    version: options.version,
    ...(options.pageCache === false
      ? {}
      : {
          pageCache: createPageCache({
            // Read at most once a second: a review or a recompute shows within a second.
            stamp: recentValue(() => dataStamp(options.database.db), 1_000),
            cacheable: isCacheablePath,
          }),
        }),
  });
  const port = options.port ?? config.port;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: options.hostname }, () => resolve(started));
    started.once('error', reject);
  }).catch(async (error: unknown) => {
    // A port already taken: the queue would otherwise keep the process alive.
    await jobs.close();
    throw error;
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://localhost:${actualPort}`;
  logger.info('server started', { url, port: actualPort, engine: options.database.engine });
  return {
    url,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections would hold close() open: drop them, let busy ones finish.
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, graceMs);
        // A crawl in progress is interrupted (it resumes on the next start), not abandoned midway.
        const crawlsStopped = services.editionAdmin.stopCrawls();
        server.close(async () => {
          clearTimeout(timer);
          await crawlsStopped;
          // Running jobs end first (a review's indicators, a batch of e-mails): in-process, what
          // is still waiting is lost with the process (docs/operations.md).
          await jobs.queue.stop({ graceful: true });
          await jobs.close();
          logger.info('server stopped', {});
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
