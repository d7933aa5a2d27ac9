import { logChange } from '../audit-log/audit-log.repository.ts';
import type { CrawlLimits } from '../crawl/crawl.types.ts';
import type { CrawlerRuntime } from '../crawl/crawler-runtime.ts';
import type { Executor } from '../db/transaction.ts';
import { findEdition } from '../editions/editions.service.ts';
import { UserError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { type AuditTarget, listAuditTargets } from '../territories/audit-targets.ts';
import { runAudit } from './audit.service.ts';

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

export interface BackgroundCrawls {
  /**
   * Checks and logs the request, then crawls in the background of the process: the request that
   * asked returns at once and the progress page reads the stored run. Without `authorityIds`,
   * every authority with a known website.
   */
  start(input: { year: number; authorityIds?: readonly number[]; actor: string }): Promise<{ sites: number }>;
  isRunning(year: number): boolean;
  /** Why this process's last crawl of the edition stopped with an error, if it did. */
  lastFailure(year: number): string | undefined;
  /** Interrupts the crawls in progress (they resume on the next start) and waits for them. */
  stopAll(): Promise<void>;
}

export function createBackgroundCrawls(deps: {
  db: Executor;
  now: () => Date;
  open: OpenCrawlEnvironment;
  logger: Logger;
  limits?: CrawlLimits;
  siteConcurrency?: number;
}): BackgroundCrawls {
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  const failures = new Map<number, string>();

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
    async start({ year, authorityIds, actor }) {
      if (running.has(year))
        throw new UserError('conflict', `Une collecte de l’édition ${year} est déjà en cours.`);
      const edition = await findEdition(deps.db, year);
      if (!edition) throw new UserError('not_found', `L’édition ${year} n’existe pas.`);
      if (edition.status === 'published')
        throw new UserError('conflict', `L’édition ${year} est publiée : ses évaluations sont figées.`);
      const targets = await listAuditTargets(deps.db, authorityIds ? { authorityIds } : {});
      if (targets.length === 0)
        throw new UserError(
          'not_found',
          'Aucune collectivité à auditer : aucune n’a de site internet connu.',
        );
      const sites = new Set(targets.map((t) => t.websiteUrl)).size;
      await logChange(
        deps.db,
        {
          actor,
          action: 'crawl_started',
          entity: 'edition',
          entityId: year,
          after: { sites, authorityIds: targets.map((t) => t.authorityId) },
        },
        deps.now(),
      );
      failures.delete(year);
      const controller = new AbortController();
      const done = crawl(year, targets, edition.referential_version, controller.signal)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          failures.set(year, message);
          deps.logger.error('web crawl failed', { year, error });
        })
        .finally(() => running.delete(year));
      running.set(year, { controller, done });
      return { sites };
    },
    isRunning: (year) => running.has(year),
    lastFailure: (year) => failures.get(year),
    async stopAll() {
      const all = [...running.values()];
      for (const crawl of all) crawl.controller.abort();
      await Promise.all(all.map((crawl) => crawl.done));
    },
  };
}
