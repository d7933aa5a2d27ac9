import { firstByUrl, isLinkTo, isPageNamed, type NamedPage, noHtmlPageVerdict } from '../html-pages.ts';
import { createHomeSlot, isHtmlPage } from '../portal.site.ts';
import {
  PORTAL_CHECK_LABELS,
  type PortalCheck,
  type PortalEvidence,
  type PortalPage,
} from '../portal.types.ts';

const LEGAL_NOTICE: NamedPage = {
  text: /\b(?:mentions legales|informations legales)\b/,
  path: /mentions[-_ ]?legales|informations[-_ ]legales|legal[-_ ]notice/,
  hrefHint: /legal/i,
};

const isLegalLink = (link: { href: string; text: string }) => isLinkTo(LEGAL_NOTICE, link);

function hasLegalLink(page: PortalPage): boolean {
  return isHtmlPage(page) && page.content.links.some(isLegalLink);
}

/** « Mentions légales » (required of every publisher by the LCEN): a link to them, or their page. */
export const legalNoticeCheck: PortalCheck = {
  key: 'legal_notice',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.legal_notice;
    const home = createHomeSlot(site, hasLegalLink);
    let htmlPages = 0;
    /** `url`: the page carrying the link. */
    let link: { url: string; href: string; text: string } | undefined;
    let noticePage: { url: string } | undefined;
    return {
      add(page) {
        home.offer(page);
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        const found = page.content.links.find(isLegalLink);
        if (found !== undefined)
          link = firstByUrl(link, { url: page.url, href: found.href, text: found.text });
        if (isPageNamed(LEGAL_NOTICE, page)) noticePage = firstByUrl(noticePage, { url: page.url });
      },
      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label);
        const evidence: PortalEvidence[] = [];
        if (noticePage !== undefined)
          evidence.push({ url: noticePage.url, note: 'Page des mentions légales' });
        if (link !== undefined)
          evidence.push({ url: link.url, note: `Lien « ${link.text} » vers ${link.href}` });
        const details = {
          pageUrl: noticePage?.url ?? null,
          linkUrl: link?.href ?? null,
          linkedFromHome: home.value ?? null,
        };
        const found = noticePage?.url ?? link?.href;
        return found === undefined
          ? { outcome: 'fail', value: null, summary: `${label} : introuvables`, details, evidence }
          : {
              outcome: 'pass',
              value: found,
              summary: `${label} : présentes${home.value === false ? ', mais pas de lien depuis la page d’accueil' : ''}`,
              details,
              evidence,
            };
      },
    };
  },
};
