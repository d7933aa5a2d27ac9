import { beforeAll, describe, expect, it } from 'vitest';
import type { Farm, FarmSite } from './farm.types.ts';
import { shippedReferential } from './farm-fixtures.ts';
import { generateFarm } from './generate.ts';
import { farmGet } from './in-memory-client.ts';
import { withoutSessionIds } from './routes.ts';

let farms: Farm[];
let farm: Farm;

beforeAll(async () => {
  const referential = await shippedReferential();
  farms = [
    generateFarm({ seed: 21, sites: 16, referential, pagesPerSite: 70 }),
    generateFarm({ seed: 22, sites: 8, referential, pagesPerSite: 50, kind: 'commune' }),
    generateFarm({ seed: 23, sites: 4, referential, pagesPerSite: 50, kind: 'region', https: false }),
  ];
});

interface Walk {
  documents: Set<string>;
  notFound: Set<string>;
}

/**
 * Follows every link of a site on its own hosts, as a crawler that knows the traps would:
 * pages answered by the dynamic handler (endless calendars and query strings) are not followed.
 */
function walk(site: FarmSite): Walk {
  const documents = new Set<string>();
  const notFound = new Set<string>();
  const disallowed = new Set(site.groundTruth.traps.disallowedPages);
  const queue = [site.homeUrl];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift() ?? '';
    const parsed = new URL(url);
    const routes = farm.routes.get(parsed.hostname);
    if (routes === undefined) continue;
    const key = withoutSessionIds(`${parsed.pathname}${parsed.search}`);
    const page = farmGet(farm, url);
    const known = routes.responses.has(key) || routes.redirectOrigin !== undefined;
    if (
      page.status === 404 ||
      (site.groundTruth.traps.softNotFound && !known && page.text.includes('Page introuvable'))
    ) {
      notFound.add(url);
      continue;
    }
    if (!known) continue; // a trap page
    const type = page.headers['content-type'] ?? '';
    if (
      page.status === 200 &&
      (type.startsWith('text/html') || type === 'application/pdf') &&
      !disallowed.has(url)
    ) {
      documents.add(url);
    }
    const targets =
      page.headers.location !== undefined
        ? [page.headers.location]
        : [...page.text.matchAll(/<a [^>]*href="([^"#]+)"/g)].map((match) =>
            (match[1] ?? '').replace(/&amp;/g, '&'),
          );
    for (const target of targets) {
      if (target.startsWith('mailto:')) continue;
      const absolute = new URL(target, url);
      if (!site.hosts.includes(absolute.hostname)) continue;
      const canonical = `${absolute.protocol}//${absolute.host}${withoutSessionIds(`${absolute.pathname}${absolute.search}`)}`;
      if (disallowed.has(canonical) || seen.has(canonical)) continue;
      seen.add(canonical);
      queue.push(canonical);
    }
  }
  return { documents, notFound };
}

describe('farm site graph', () => {
  it('reaches exactly pageCount documents and exactly the declared broken links', () => {
    for (farm of farms) {
      for (const site of farm.sites) {
        const { documents, notFound } = walk(site);
        expect([...notFound].sort(), site.homeUrl).toEqual([...site.groundTruth.brokenLinks].sort());
        expect(documents.size, site.homeUrl).toBe(site.groundTruth.pageCount);
      }
    }
  });

  it('links every service page from the site', () => {
    for (farm of farms) {
      for (const site of farm.sites) {
        const { documents } = walk(site);
        for (const service of site.groundTruth.services) {
          const reachable = documents.has(service.url) || farmGet(farm, service.url).status === 302;
          expect(reachable, service.url).toBe(true);
        }
      }
    }
  });
});
