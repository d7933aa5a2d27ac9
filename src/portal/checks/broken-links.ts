import type { FetchStatus } from '../../crawl/crawl.types.ts';
import { formatRatio } from '../portal.format.ts';
import { hostOf, isFirstPartyHost, isHtmlPage, urlKey } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalCheckOutcome } from '../portal.types.ts';
import { BROKEN_LINKS } from '../thresholds.ts';

/** The target never reached the site: it says nothing about whether the link works. */
const NOT_FETCHED: ReadonlySet<FetchStatus> = new Set(['robots_disallowed', 'ssrf_blocked', 'invalid_url']);
const BROKEN: ReadonlySet<FetchStatus> = new Set(['not_found', 'server_error']);

const BROKEN_NOTES: Partial<Record<FetchStatus, string>> = {
  not_found: 'introuvable',
  server_error: 'erreur du serveur',
};

/**
 * Internal links that lead nowhere: among the internal link targets the crawler fetched, the
 * share that ended not found (404, 410) or in a server error (5xx).
 */
export const brokenLinksCheck: PortalCheck = {
  key: 'broken_links',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.broken_links;
    /** Internal link target → smallest page URL linking to it. */
    const targets = new Map<string, string>();
    let targetsDropped = 0;
    /** Every URL the crawler requested or was redirected through → final fetch status and HTTP code. */
    const fetched = new Map<string, { status: FetchStatus; httpStatus: number | null }>();
    return {
      add(page) {
        const outcome = { status: page.status, httpStatus: page.httpStatus };
        for (const url of [page.url, ...page.redirectChain]) {
          const key = urlKey(url);
          if (key !== null) fetched.set(key, outcome);
        }
        if (!isHtmlPage(page)) return;
        for (const link of page.content.links) {
          const key = urlKey(link.href);
          if (key === null) continue;
          const host = hostOf(key);
          if (host === null || !isFirstPartyHost(host, site)) continue;
          const referrer = targets.get(key);
          if (referrer === undefined) {
            if (targets.size >= BROKEN_LINKS.maxLinkTargets) targetsDropped += 1;
            else targets.set(key, page.url);
          } else if (page.url < referrer) targets.set(key, page.url);
        }
      },
      finish() {
        let checked = 0;
        let notFetched = 0;
        const byStatus: Partial<Record<FetchStatus, number>> = {};
        const broken: { url: string; referrer: string; status: FetchStatus; httpStatus: number | null }[] =
          [];
        for (const [target, referrer] of targets) {
          const result = fetched.get(target);
          if (result === undefined || NOT_FETCHED.has(result.status)) {
            notFetched += 1;
            continue;
          }
          checked += 1;
          byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
          if (BROKEN.has(result.status)) broken.push({ url: target, referrer, ...result });
        }
        const details = {
          checked,
          broken: broken.length,
          notFetched,
          linkTargets: targets.size,
          targetsDropped,
          byStatus,
          thresholds: BROKEN_LINKS,
        };
        if (checked === 0) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : aucun lien interne vérifié`,
            details,
            evidence: [],
          };
        }
        const ratio = broken.length / checked;
        const outcome: PortalCheckOutcome =
          ratio > BROKEN_LINKS.failAboveRatio
            ? 'fail'
            : ratio > BROKEN_LINKS.warnAboveRatio
              ? 'warn'
              : 'pass';
        broken.sort((a, b) => a.url.localeCompare(b.url));
        return {
          outcome,
          value: Math.round(ratio * 10_000) / 10_000,
          summary: `${label} : ${formatRatio(ratio)} (${broken.length} sur ${checked} liens internes vérifiés)`,
          details,
          evidence: broken.slice(0, BROKEN_LINKS.maxEvidence).map((link) => ({
            url: link.url,
            note: `Lien ${BROKEN_NOTES[link.status] ?? link.status}${link.httpStatus === null ? '' : ` (${link.httpStatus})`}, depuis ${link.referrer}`,
          })),
        };
      },
    };
  },
};
