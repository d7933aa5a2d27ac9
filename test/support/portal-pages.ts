import type {
  HttpProbe,
  PortalCheck,
  PortalCheckResult,
  PortalPage,
  PortalPageContent,
} from '../../src/portal/portal.types.ts';
import { runPortalChecks } from '../../src/portal/portal-checks.ts';
import type { TrackerCatalogue } from '../../src/portal/trackers.catalogue.ts';

/**
 * Crawled pages for portal check tests: an ok HTML page of 30 KB answered in 200 ms, with
 * nothing on it, unless told otherwise.
 */

export const HOME = 'https://www.ville-exemple.fr/';

export function portalContent(overrides: Partial<PortalPageContent> = {}): PortalPageContent {
  return {
    title: 'Ville d’Exemple',
    headings: [],
    text: '',
    links: [],
    forms: [],
    resources: [],
    hasResponsiveViewport: true,
    ...overrides,
  };
}

export function portalPage(
  url: string,
  overrides: Omit<Partial<PortalPage>, 'content'> & { content?: Partial<PortalPageContent> | null } = {},
): PortalPage {
  const { content, ...page } = overrides;
  return {
    url,
    finalUrl: url,
    redirectChain: [],
    depth: url === HOME ? 0 : 1,
    status: 'ok',
    httpStatus: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    bytes: 30_000,
    elapsedMs: 200,
    ...page,
    content: content === null ? null : portalContent(content),
  };
}

/** A failed fetch: no content, the given status. */
export function failedPage(url: string, status: PortalPage['status'], httpStatus: number | null): PortalPage {
  return portalPage(url, { status, httpStatus, content: null, bytes: 0 });
}

/** Runs one check over pages, with the shipped tracker list unless one is given. */
export function checkResult(
  check: PortalCheck,
  pages: readonly PortalPage[],
  options: { httpProbe?: HttpProbe; trackers?: TrackerCatalogue; homeUrl?: string } = {},
): PortalCheckResult {
  const [result] = runPortalChecks(
    { homeUrl: options.homeUrl ?? HOME, pages, httpProbe: options.httpProbe },
    { checks: [check], trackers: options.trackers },
  );
  if (result === undefined) throw new Error('no result');
  return result;
}
