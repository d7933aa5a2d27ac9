import { UserError } from '../shared/errors.ts';
import { normalizeFrench } from '../shared/french-text.ts';
import { memoizeText } from '../shared/memo.ts';
import type { PortalPage, PortalSite } from './portal.types.ts';

/**
 * How portal checks tell pages of the site apart: the home page, first-party hosts, and one
 * comparison key per URL so that links and fetched pages meet.
 */

export function createPortalSite(homeUrl: string): PortalSite {
  let url: URL;
  try {
    url = new URL(homeUrl);
  } catch {
    throw new UserError('input_invalid', `Adresse de page d’accueil illisible : « ${homeUrl} »`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError('input_invalid', `Adresse de page d’accueil non web : « ${homeUrl} »`);
  }
  const homeHost = url.hostname;
  return {
    homeUrl,
    homeKey: urlKey(homeUrl) ?? homeUrl,
    homeHost,
    siteDomain: homeHost.replace(/^www\./, ''),
  };
}

/**
 * Comparison key of an http(s) URL: fragment and utm_* parameters removed (the crawler does
 * the same when it normalises), host lowercased and default port dropped (WHATWG URL does).
 * Null for anything that is not http(s).
 */
export const urlKey = memoizeText(computeUrlKey, { limit: 20_000, maxLength: 1_000 });

function computeUrlKey(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (name.toLowerCase().startsWith('utm_')) url.searchParams.delete(name);
  }
  return url.href.replace(/\?$/, '');
}

/** Host of a URL, null when unreadable; remembered, as link targets repeat from page to page. */
export const hostOf = memoizeText(computeHostOf, { limit: 20_000, maxLength: 1_000 });

function computeHostOf(raw: string): string | null {
  try {
    return new URL(raw).hostname;
  } catch {
    return null;
  }
}

/**
 * The authority's own host or one of its subdomains (www.ville.fr, demarches.ville.fr).
 * Without the Public Suffix List a site on a shared domain (ville.wixsite.com) counts its
 * neighbours as first-party: rare for authorities, accepted.
 */
export function isFirstPartyHost(host: string, site: PortalSite): boolean {
  return host === site.siteDomain || host.endsWith(`.${site.siteDomain}`);
}

/** Path of a URL, percent-decoded and folded, for URL hints such as "/declaration-accessibilite". */
export function foldedPath(raw: string): string {
  try {
    const { pathname } = new URL(raw);
    let decoded = pathname;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A malformed escape keeps the raw path: hints still match its plain parts.
    }
    return normalizeFrench(decoded);
  } catch {
    return '';
  }
}

/** Fetched successfully and parsed as HTML: the pages whose timings and content we judge. */
export type HtmlPage = PortalPage & { content: NonNullable<PortalPage['content']> };

export function isHtmlPage(page: PortalPage): page is HtmlPage {
  return page.status === 'ok' && page.content !== null;
}

/**
 * How surely a page is the home page: 0 requested at the home URL, 1 reached it through
 * redirects, 2 a depth-0 page with another URL; null when it is not the home page.
 */
export function homeRank(page: PortalPage, site: PortalSite): number | null {
  if (urlKey(page.url) === site.homeKey) return 0;
  if (urlKey(page.finalUrl) === site.homeKey) return 1;
  if (page.redirectChain.some((url) => urlKey(url) === site.homeKey)) return 1;
  if (page.depth === 0) return 2;
  return null;
}

/**
 * Keeps what a check needs of the home page, whatever the order pages arrive in (between two
 * depth-0 pages that are not at the home URL, the first offered stays).
 */
export interface HomeSlot<T> {
  offer(page: PortalPage): void;
  readonly value: T | undefined;
}

export function createHomeSlot<T>(site: PortalSite, extract: (page: PortalPage) => T): HomeSlot<T> {
  let best: { rank: number; value: T } | undefined;
  return {
    offer(page) {
      const rank = homeRank(page, site);
      if (rank === null || (best !== undefined && best.rank <= rank)) return;
      best = { rank, value: extract(page) };
    },
    get value() {
      return best?.value;
    },
  };
}

/** Keeps the `limit` largest items by `score` (ties broken by `key`), so that order does not matter. */
export function createTopList<T>(limit: number, score: (item: T) => number, key: (item: T) => string) {
  const items: T[] = [];
  const before = (a: T, b: T) => score(b) - score(a) || key(a).localeCompare(key(b));
  return {
    offer(item: T): void {
      items.push(item);
      items.sort(before);
      if (items.length > limit) items.length = limit;
    },
    get items(): readonly T[] {
      return items;
    },
  };
}
