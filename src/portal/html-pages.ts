import { normalizeFrench } from '../shared/french-text.ts';
import { createTopList, foldedPath, type HtmlPage, isHtmlPage } from './portal.site.ts';
import type { PortalCheckVerdict, PortalPage } from './portal.types.ts';
import { median, percentile } from './statistics.ts';
import { MAX_OUTLIER_EVIDENCE } from './thresholds.ts';

/**
 * What the checks that judge HTML pages share: the verdict when the crawl brought none, the
 * first candidate by URL (so that results do not depend on crawl order), pages known by their
 * name, and the distribution of a measure over the pages (response time, weight).
 */

/** Nothing to judge: no HTML page was collected. */
export function noHtmlPageVerdict(label: string, details: Record<string, unknown> = {}): PortalCheckVerdict {
  return {
    outcome: 'unknown',
    value: null,
    summary: `${label} : aucune page HTML collectée`,
    details,
    evidence: [],
  };
}

/** The candidate with the smallest URL: the same whatever order pages arrive in. */
export function firstByUrl<T extends { url: string }>(current: T | undefined, candidate: T): T {
  return current === undefined || candidate.url < current.url ? candidate : current;
}

/**
 * A page of the site known by its name (« Mentions légales », « Contact »): the links that name
 * it by their text or by their path, and the page itself by its title, a heading or its path.
 * `hrefHint` is a cheap test on the raw address before its path is decoded and folded.
 */
export interface NamedPage {
  text: RegExp;
  path: RegExp;
  hrefHint: RegExp;
}

export function isLinkTo(named: NamedPage, link: { href: string; text: string }): boolean {
  return (
    named.text.test(normalizeFrench(link.text)) ||
    (named.hrefHint.test(link.href) && named.path.test(foldedPath(link.href)))
  );
}

export function isPageNamed(named: NamedPage, page: HtmlPage): boolean {
  const { title, headings } = page.content;
  return (
    [title, ...headings].some((head) => named.text.test(normalizeFrench(head))) ||
    named.path.test(foldedPath(page.finalUrl))
  );
}

export interface MeasureStats {
  median: number;
  p90: number;
  pages: number;
  /** The pages with the largest values, largest first (at most MAX_OUTLIER_EVIDENCE). */
  largest: ReadonlyArray<{ url: string; value: number }>;
}

/** Median, 90th percentile and largest values of one measure over the HTML pages added. */
export function createHtmlMeasure(measure: (page: PortalPage) => number) {
  const values: number[] = [];
  const largest = createTopList<{ url: string; value: number }>(
    MAX_OUTLIER_EVIDENCE,
    (page) => page.value,
    (page) => page.url,
  );
  return {
    add(page: PortalPage): void {
      if (!isHtmlPage(page)) return;
      const value = measure(page);
      values.push(value);
      largest.offer({ url: page.url, value });
    },
    /** Null when no HTML page was added. */
    stats(): MeasureStats | null {
      const middle = median(values);
      const p90 = percentile(values, 90);
      if (middle === null || p90 === null) return null;
      return { median: middle, p90, pages: values.length, largest: largest.items };
    },
  };
}
