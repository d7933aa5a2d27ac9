import type { CrawlLimits } from '../crawl/crawl.types.ts';
import type { CrawlerRuntime } from '../crawl/crawler-runtime.ts';
import type { Executor } from '../db/transaction.ts';
import { errorMessage, UserError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';
import { runAudit } from './audit.service.ts';
import { acceptCrawlRequest, type CrawlRequest } from './crawl-request.ts';

/** The network a crawl runs on: the real web, or the simulated farm (demonstration, tests). */
export interface CrawlEnvironment {
  runtime: CrawlerRuntime;
  simulated: boolean;
  close(): Promise<void>;
}

export type OpenCrawlEnvironment = (
  targets: readonly AuditTarget[],
  referentialVersion: string,
) => Promise<CrawlEnvironment>;

/** The command line's defaults (barometre crawl), so a crawl from the web audits the same way. */
export const WEB_CRAWL_LIMITS: CrawlLimits = {
  maxPages: 150,
  maxDepth: 4,
  maxBytes: 5_000_000,
  requestTimeoutMs: 20_000,
  siteTimeoutMs: 15 * 60_000,
};

/** Where a crawl asked for from the back office runs: in this process, or on the workers' queue. */
export interface BackOfficeCrawls {
  /**
   * Checks and logs the request, then starts the crawl without waiting for it: the request that
   * asked returns at once and the progress page reads the stored run. Without `authorityIds`,
   * every authority with a known website.
   */
  start(request: CrawlRequest): Promise<{ sites: number }>;
  /** Whether the edition is being crawled, and why its last crawl stopped with an error, if it did. */
  state(year: number): Promise<CrawlState>;
  /** Interrupts the crawls this process runs (they resume on the next start) and waits for them. */
  stopAll(): Promise<void>;
}

export interface CrawlState {
  running: boolean;
  failure: string | undefined;
}

export function createBackgroundCrawls(deps: {
  db: Executor;
  now: () => Date;
  open: OpenCrawlEnvironment;
  logger: Logger;
  limits?: CrawlLimits;
  siteConcurrency?: number;
}): BackOfficeCrawls {
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  const failures = new Map<number, string>();
  const starting = new Set<number>();

  async function crawl(
    year: number,
    targets: AuditTarget[],
    referentialVersion: string,
    signal: AbortSignal,
  ) {
    const environment = await deps.open(targets, referentialVersion);
    try {
      const report = await runAudit(
        { db: deps.db, ...environment.runtime, now: deps.now },
        {
          editionYear: year,
          targets,
          limits: deps.limits ?? WEB_CRAWL_LIMITS,
          siteConcurrency: deps.siteConcurrency ?? 8,
          perSiteConcurrency: 4,
          simulated: environment.simulated,
          signal,
        },
      );
      deps.logger.info('web crawl finished', { year, sites: report.sitesDone, pages: report.pages });
    } finally {
      await environment.close();
    }
  }

  return {
    async start(request) {
      const { year } = request;
      if (running.has(year) || starting.has(year))
        throw new UserError('conflict', `Une collecte de l’édition ${year} est déjà en cours.`);
      // Held while the request is checked, so that two clicks do not both start a crawl.
      starting.add(year);
      const accepted = await acceptCrawlRequest(deps.db, request, deps.now()).finally(() =>
        starting.delete(year),
      );
      const { edition, targets, sites } = accepted;
      failures.delete(year);
      const controller = new AbortController();
      const done = crawl(year, targets, edition.referential_version, controller.signal)
        .catch((error: unknown) => {
          const message = errorMessage(error);
          failures.set(year, `la collecte s’est arrêtée (${message})`);
          deps.logger.error('web crawl failed', { year, error });
        })
        .finally(() => running.delete(year));
      running.set(year, { controller, done });
      return { sites };
    },
    state: async (year) => ({ running: running.has(year), failure: failures.get(year) }),
    async stopAll() {
      const all = [...running.values()];
      for (const crawl of all) crawl.controller.abort();
      await Promise.all(all.map((crawl) => crawl.done));
    },
  };
}
