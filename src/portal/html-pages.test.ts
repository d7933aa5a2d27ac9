import { describe, expect, it } from 'vitest';
import { failedPage, HOME, portalContent, portalPage } from '../../test/support/portal-pages.ts';
import { createHtmlMeasure, firstByUrl, isLinkTo, isPageNamed, type NamedPage } from './html-pages.ts';
import { isHtmlPage } from './portal.site.ts';

const LEGAL: NamedPage = {
  text: /\bmentions legales\b/,
  path: /mentions[-_ ]?legales/,
  hrefHint: /legal/i,
};

describe('HTML pages of portal checks', () => {
  it('keeps the candidate with the smallest URL, whatever the order', () => {
    const a = { url: `${HOME}a` };
    const b = { url: `${HOME}b` };
    expect(firstByUrl(firstByUrl(undefined, b), a)).toBe(a);
    expect(firstByUrl(firstByUrl(undefined, a), b)).toBe(a);
  });

  it('finds a page by the text or path of links to it, and by its title, headings or path', () => {
    expect(isLinkTo(LEGAL, { href: `${HOME}infos`, text: 'MENTIONS LÉGALES' })).toBe(true);
    expect(isLinkTo(LEGAL, { href: `${HOME}Mentions_Legales.html`, text: 'En savoir plus' })).toBe(true);
    expect(isLinkTo(LEGAL, { href: `${HOME}contact`, text: 'Contact' })).toBe(false);
    const titled = portalPage(`${HOME}page-12`, { content: portalContent({ title: 'Mentions légales' }) });
    const byPath = portalPage(`${HOME}mentions-legales`);
    const other = portalPage(`${HOME}agenda`);
    for (const [page, named] of [
      [titled, true],
      [byPath, true],
      [other, false],
    ] as const) {
      if (!isHtmlPage(page)) throw new Error('not an HTML page');
      expect(isPageNamed(LEGAL, page), page.url).toBe(named);
    }
  });

  it('measures HTML pages only: median, 90th percentile and the largest values', () => {
    const measure = createHtmlMeasure((page) => page.bytes);
    expect(measure.stats()).toBeNull();
    for (const [index, bytes] of [10, 30, 20].entries())
      measure.add(portalPage(`${HOME}p${index}`, { bytes }));
    measure.add(failedPage(`${HOME}broken`, 'server_error', 500));
    expect(measure.stats()).toMatchObject({ median: 20, pages: 3 });
    expect(measure.stats()?.largest[0]).toEqual({ url: `${HOME}p1`, value: 30 });
  });
});
