import type { CrawledPage } from '../crawl/crawl.types.ts';
import type { PortalPage } from '../portal/portal.types.ts';

/**
 * Portal checks need a slice of each page. They are fed it as the page is stored, and it is
 * stored with the page until the site is concluded, so that the checks of a site whose crawl
 * was interrupted can be fed again, on resume, the pages stored before; the text is cut to what
 * the checks read.
 */
const TEXT_KEPT = 6_000;

export function portalFactsOf(page: CrawledPage): PortalPage {
  const { content } = page;
  return {
    url: page.url,
    finalUrl: page.finalUrl,
    redirectChain: page.redirectChain,
    depth: page.depth,
    status: page.status,
    httpStatus: page.httpStatus,
    headers: page.headers,
    bytes: page.bytes,
    elapsedMs: page.elapsedMs,
    content: content && {
      title: content.title,
      headings: content.headings,
      text: content.text.slice(0, TEXT_KEPT),
      links: content.links,
      forms: content.forms,
      resources: content.resources,
      hasResponsiveViewport: content.hasResponsiveViewport,
    },
  };
}
