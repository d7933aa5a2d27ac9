import { appendAssessments } from '../assessments/assessments.repository.ts';
import type { SiteCrawlSummary } from '../crawl/crawl.types.ts';
import { inTransaction } from '../db/transaction.ts';
import type { PageDetection, ServiceEvidence } from '../detection/detection.types.ts';
import { aggregateSite, type SiteServiceDetection } from '../detection/site-aggregate.ts';
import type { HttpProbe } from '../portal/portal.types.ts';
import type { PortalAccumulator } from '../portal/portal-checks.ts';
import { isDigitalisationLevel } from '../referential/levels.ts';
import type { StoredReferential } from '../referential/referential.repository.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';
import type { AuditDependencies } from './audit.service.ts';
import {
  clearPortalFacts,
  countSitePages,
  currentAssessmentSources,
  findingsOfSite,
  markSite,
  storePortalChecks,
} from './audits.repository.ts';
import { applicableServices, crawlerProposals } from './proposals.rules.ts';

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Once a site's crawl is over: portal checks of its pages, the best-evidenced
 * level of each service from the stored findings, the crawler's proposals, and the site marked
 * done — all in one transaction, so a crash leaves the site to be concluded again, never half.
 * Returns the number of proposals written.
 */
export async function concludeSite(
  deps: AuditDependencies,
  site: {
    siteId: number;
    /** Fed with every page of the site. */
    portal: PortalAccumulator;
    editionId: number;
    targets: AuditTarget[];
    startUrl: string;
    stored: StoredReferential;
    summary: SiteCrawlSummary;
  },
): Promise<number> {
  const { db, now } = deps;
  const probe = await probeHttpRedirect(deps, site.startUrl);
  return inTransaction(db, async (trx) => {
    if (probe) site.portal.recordHttpProbe(probe);
    await storePortalChecks(trx, site.siteId, site.portal.results());

    const results = siteResults(await findingsOfSite(trx, site.siteId), site.stored);
    // The pages stored, not this session's: a site resumed after a crash (or by another worker)
    // counts the pages fetched before the interruption too.
    const pages = await countSitePages(trx, site.siteId);
    let proposed = 0;
    for (const target of site.targets) {
      const proposals = crawlerProposals({
        editionId: site.editionId,
        authorityId: target.authorityId,
        siteId: site.siteId,
        services: applicableServices(site.stored.referential.services, target.competences),
        serviceIds: site.stored.serviceIds,
        results,
        current: await currentAssessmentSources(trx, site.editionId, target.authorityId),
        pagesCrawled: pages,
        truncated: site.summary.truncated,
      });
      await appendAssessments(trx, proposals, now());
      proposed += proposals.length;
    }
    await clearPortalFacts(trx, site.siteId);
    await markSite(trx, site.siteId, { status: 'done', summary: site.summary, pages }, now());
    return proposed;
  });
}

function siteResults(
  findings: Awaited<ReturnType<typeof findingsOfSite>>,
  stored: StoredReferential,
): Map<string, SiteServiceDetection> {
  const keyOf = new Map([...stored.serviceIds].map(([key, id]) => [id, key]));
  const byPage = new Map<string, PageDetection>();
  for (const finding of findings) {
    const serviceKey = keyOf.get(finding.serviceId);
    if (!serviceKey || !isDigitalisationLevel(finding.level)) continue;
    const page = byPage.get(finding.url) ?? { url: finding.url, detections: [], failedDetectors: [] };
    page.detections.push({
      serviceKey,
      level: finding.level,
      confidence: finding.confidence,
      evidence: finding.evidence as ServiceEvidence,
    });
    byPage.set(finding.url, page);
  }
  return new Map(aggregateSite([...byPage.values()]).map((result) => [result.serviceKey, result]));
}

/** Does http:// redirect to https://? Asked once per site, politely, without reading a body. */
async function probeHttpRedirect(deps: AuditDependencies, startUrl: string): Promise<HttpProbe | null> {
  const start = new URL(startUrl);
  if (start.protocol !== 'https:') return null;
  const url = `http://${start.host}/`;
  const release = await deps.scheduler.acquire(start.hostname);
  try {
    const response = await deps.client.fetchPage(url, {
      timeoutMs: PROBE_TIMEOUT_MS,
      maxBytes: 64_000,
      followRedirect: () => false,
      readBody: () => false,
    });
    return { url, redirectsTo: response.ok ? response.redirectRefused : null };
  } finally {
    release();
  }
}
