import { foldFrench } from '../french-text.ts';
import { createHomeSlot, foldedPath, isHtmlPage } from '../portal.site.ts';
import {
  PORTAL_CHECK_LABELS,
  type PortalCheck,
  type PortalEvidence,
  type PortalPage,
} from '../portal.types.ts';

const LEGAL_TEXT = /\b(?:mentions legales|informations legales)\b/;
const LEGAL_PATH = /mentions[-_ ]?legales|informations[-_ ]legales|legal[-_ ]notice/;

function isLegalLink(link: { href: string; text: string }): boolean {
  return (
    LEGAL_TEXT.test(foldFrench(link.text)) ||
    (/legal/i.test(link.href) && LEGAL_PATH.test(foldedPath(link.href)))
  );
}

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
    let link: { pageUrl: string; href: string; text: string } | undefined;
    let noticePage: string | undefined;
    return {
      add(page) {
        home.offer(page);
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        const found = page.content.links.find(isLegalLink);
        if (found !== undefined && (link === undefined || page.url < link.pageUrl)) {
          link = { pageUrl: page.url, href: found.href, text: found.text };
        }
        const titled = [page.content.title, ...page.content.headings].some((head) =>
          LEGAL_TEXT.test(foldFrench(head)),
        );
        if (
          (titled || LEGAL_PATH.test(foldedPath(page.finalUrl))) &&
          (noticePage === undefined || page.url < noticePage)
        ) {
          noticePage = page.url;
        }
      },
      finish() {
        if (htmlPages === 0) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : aucune page HTML collectée`,
            details: {},
            evidence: [],
          };
        }
        const evidence: PortalEvidence[] = [];
        if (noticePage !== undefined) evidence.push({ url: noticePage, note: 'Page des mentions légales' });
        if (link !== undefined)
          evidence.push({ url: link.pageUrl, note: `Lien « ${link.text} » vers ${link.href}` });
        const details = {
          pageUrl: noticePage ?? null,
          linkUrl: link?.href ?? null,
          linkedFromHome: home.value ?? null,
        };
        const found = noticePage ?? link?.href;
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
