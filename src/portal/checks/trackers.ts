import { noHtmlPageVerdict } from '../html-pages.ts';
import { formatList } from '../portal.format.ts';
import { isFirstPartyHost, isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalEvidence } from '../portal.types.ts';
import { TRACKERS } from '../thresholds.ts';
import { classifyHost } from '../trackers.catalogue.ts';

const MATOMO_SCRIPT = /\/(?:matomo|piwik)\.(?:js|php)$/i;

interface HostSighting {
  /** Smallest page URL loading something from the host, and that resource. */
  pageUrl: string;
  resource: string;
  /** A matomo.js / piwik.js was loaded from this host. */
  matomo: boolean;
}

interface FoundTracker {
  key: string;
  name: string;
  company: string;
  category: string;
  hosts: string[];
  pageUrl: string;
  resource: string;
}

/**
 * Third-party trackers loaded by the pages (external scripts and iframes), against the list in
 * data/trackers/trackers.yaml. A Matomo served from the authority's own domain is first-party
 * measurement, not a tracker; one served from any other domain is.
 */
export const trackersCheck: PortalCheck = {
  key: 'trackers',
  start({ site, trackers }) {
    const label = PORTAL_CHECK_LABELS.trackers;
    let htmlPages = 0;
    const thirdParty = new Map<string, HostSighting>();
    let hostsDropped = 0;
    let selfHostedMatomo: { pageUrl: string; resource: string } | undefined;

    return {
      add(page) {
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        for (const resource of page.content.resources) {
          let url: URL;
          try {
            url = new URL(resource);
          } catch {
            continue;
          }
          if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
          const host = url.hostname;
          const matomo = MATOMO_SCRIPT.test(url.pathname);
          if (isFirstPartyHost(host, site)) {
            if (matomo && (selfHostedMatomo === undefined || page.url < selfHostedMatomo.pageUrl)) {
              selfHostedMatomo = { pageUrl: page.url, resource };
            }
            continue;
          }
          const seen = thirdParty.get(host);
          if (seen === undefined) {
            if (thirdParty.size >= TRACKERS.maxThirdPartyHosts) hostsDropped += 1;
            else thirdParty.set(host, { pageUrl: page.url, resource, matomo });
            continue;
          }
          seen.matomo ||= matomo;
          if (page.url < seen.pageUrl) Object.assign(seen, { pageUrl: page.url, resource });
        }
      },

      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label);
        const catalogue = trackers();
        const found = new Map<string, FoundTracker>();
        const notTrackers: { host: string; name: string; reason: string }[] = [];
        const otherHosts: string[] = [];
        for (const host of [...thirdParty.keys()].sort()) {
          const sighting = thirdParty.get(host) as HostSighting;
          const classification = classifyHost(host, catalogue);
          if (classification.kind === 'not_tracker') {
            const { name, reason } = classification.entry;
            notTrackers.push({ host, name, reason });
            continue;
          }
          let entry: Omit<FoundTracker, 'hosts' | 'pageUrl' | 'resource'>;
          if (classification.kind === 'tracker') {
            const { key, name, company, category } = classification.tracker;
            entry = { key, name, company, category };
          } else if (sighting.matomo) {
            entry = {
              key: `matomo-third-party:${host}`,
              name: `Matomo hébergé par un tiers (${host})`,
              company: host,
              category: 'analytics',
            };
          } else {
            otherHosts.push(host);
            continue;
          }
          const existing = found.get(entry.key);
          if (existing === undefined) {
            found.set(entry.key, {
              ...entry,
              hosts: [host],
              pageUrl: sighting.pageUrl,
              resource: sighting.resource,
            });
          } else {
            existing.hosts.push(host);
            if (sighting.pageUrl < existing.pageUrl)
              Object.assign(existing, { pageUrl: sighting.pageUrl, resource: sighting.resource });
          }
        }

        const list = [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
        const evidence: PortalEvidence[] = list.map((tracker) => ({
          url: tracker.pageUrl,
          note: `${tracker.name} chargé depuis ${tracker.resource}`,
        }));
        if (selfHostedMatomo !== undefined) {
          evidence.push({
            url: selfHostedMatomo.pageUrl,
            note: `Matomo auto-hébergé (${selfHostedMatomo.resource}) : mesure d’audience propre, non comptée`,
          });
        }
        const details = {
          catalogueVersion: catalogue.version,
          trackers: list.map(({ key, name, company, category, hosts }) => ({
            key,
            name,
            company,
            category,
            hosts,
          })),
          selfHostedMatomo: selfHostedMatomo?.resource ?? null,
          recognisedNotTrackers: notTrackers,
          otherThirdPartyHosts: otherHosts,
          thirdPartyHostsDropped: hostsDropped,
          pages: htmlPages,
        };
        const selfHostedNote = selfHostedMatomo === undefined ? '' : ' (Matomo auto-hébergé, non compté)';
        if (list.length === 0) {
          return {
            outcome: 'pass',
            value: 0,
            summary: `${label} : aucun détecté${selfHostedNote}`,
            details,
            evidence,
          };
        }
        const names = formatList(list.map((tracker) => tracker.name));
        return {
          outcome: 'fail',
          value: list.length,
          summary: `${label} : ${list.length} détecté${list.length > 1 ? 's' : ''} (${names})`,
          details,
          evidence,
        };
      },
    };
  },
};
