import type { CrawledPage } from '../crawl/crawl.types.ts';
import type { PortalPage } from '../portal/portal.types.ts';

/**
 * Portal checks need a slice of each page. It is stored with the page while its site is being
 * crawled, so that checks computed at the end of the site see every page even when the crawl
 * was interrupted and resumed; the text is cut to what the checks read.
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
