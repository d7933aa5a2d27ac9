import type { PageContent } from './page.ts';

/**
 * A PageContent for a page known only by its title and visible text (no HTML): no links,
 * forms or resources. Lines are kept: they are the blocks detection reads.
 */
export function pageFromText(url: string, title: string, text: string): PageContent {
  return {
    url,
    title: title.replace(/\s+/g, ' ').trim(),
    headings: [],
    text: text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n'),
    links: [],
    forms: [],
    resources: [],
    hasResponsiveViewport: false,
    lang: null,
  };
}
