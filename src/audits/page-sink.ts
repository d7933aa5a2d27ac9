import type { CrawledPage } from '../crawl/crawl.types.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import type { Executor } from '../db/transaction.ts';
import type { DetectionPool } from '../detection/detection-pool.ts';
import type { PortalPage } from '../portal/portal.types.ts';
import type { PortalAccumulator } from '../portal/portal-checks.ts';
import type { CompetenceKind } from '../referential/referential.schema.ts';
import { type FindingInput, storeFindings, storePage } from './audits.repository.ts';
import { portalFactsOf } from './portal-facts.ts';

/** Pages of one site detected and stored at once, beyond which the crawl of the site waits. */
export const MAX_PAGES_IN_HAND = 8;

export interface SinkSite {
  siteId: number;
  competences: CompetenceKind[];
  portal: PortalAccumulator;
}

export interface PageSink {
  /** Takes a crawled page; resolves once the site has room for another (not once it is stored). */
  handle(page: CrawledPage, site: SinkSite): Promise<void>;
  /** Waits for every page of the site handed over; returns how many could not be stored. */
  settle(site: SinkSite): Promise<number>;
}

interface StoredPage {
  page: CrawledPage;
  siteId: number;
  facts: PortalPage;
  findings: FindingInput[];
}

/**
 * What the audit does with each crawled page: detection, then the page and its findings written
 * in one transaction (shared with the pages that finish together: src/db/group-commit.ts), then
 * the site's portal checks fed with it.
 *
 * The crawl does not wait for all that: a page gives its request slot back once handed over, and
 * its site's next requests run while it is detected and stored, up to MAX_PAGES_IN_HAND pages
 * per site. A site is concluded only once its pages are settled. A page is stored whole with its
 * findings or not at all, so a kill loses only pages not yet committed, which the resumed run
 * fetches again; one that cannot be stored is reported and fetched again by a later run.
 */
export function createPageSink(deps: {
  db: Executor;
  detection: DetectionPool;
  serviceIds: ReadonlyMap<string, number>;
  now: () => Date;
  /** A page fully handled (stored, fed to the portal checks). */
  onStored: (page: CrawledPage) => void;
  onFailure: (page: CrawledPage, error: unknown) => void;
}): PageSink {
  const writer = createGroupCommit<StoredPage>(deps.db, async (trx, { page, siteId, facts, findings }) => {
    const pageId = await storePage(trx, siteId, page, facts, deps.now());
    await storeFindings(trx, siteId, pageId, findings);
  });
  const inHand = new Map<number, { pages: Set<Promise<void>>; failures: number }>();

  const process = async (page: CrawledPage, site: SinkSite) => {
    const detections = page.content
      ? (await deps.detection.detect(site.competences, page.content)).detections
      : [];
    const facts = portalFactsOf(page);
    await writer.write({
      page,
      siteId: site.siteId,
      facts,
      findings: detections.flatMap((d) => {
        const serviceId = deps.serviceIds.get(d.serviceKey);
        return serviceId === undefined
          ? []
          : [{ serviceId, level: d.level, confidence: d.confidence, evidence: d.evidence }];
      }),
    });
    // Fed once stored, so that the checks see the pages a resumed run would read back.
    site.portal.add(facts);
    deps.onStored(page);
  };

  const stateOf = (siteId: number) => {
    let state = inHand.get(siteId);
    if (state === undefined) {
      state = { pages: new Set(), failures: 0 };
      inHand.set(siteId, state);
    }
    return state;
  };

  return {
    async handle(page, site) {
      const state = stateOf(site.siteId);
      const task: Promise<void> = process(page, site)
        .catch((error: unknown) => {
          state.failures += 1;
          deps.onFailure(page, error);
        })
        .finally(() => state.pages.delete(task));
      state.pages.add(task);
      while (state.pages.size >= MAX_PAGES_IN_HAND) await Promise.race(state.pages);
    },
    async settle(site) {
      const state = stateOf(site.siteId);
      while (state.pages.size > 0) await Promise.all(state.pages);
      inHand.delete(site.siteId);
      return state.failures;
    },
  };
}
