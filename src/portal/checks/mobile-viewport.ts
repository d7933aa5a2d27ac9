import { firstByUrl, noHtmlPageVerdict } from '../html-pages.ts';
import { formatRatio } from '../portal.format.ts';
import { createHomeSlot, isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalCheckOutcome } from '../portal.types.ts';
import { MOBILE_VIEWPORT } from '../thresholds.ts';

/**
 * Pages declare a responsive viewport (<meta name="viewport" content="width=device-width">),
 * the precondition of a layout adapted to phones. The home page must; most others should.
 */
export const mobileViewportCheck: PortalCheck = {
  key: 'mobile_viewport',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.mobile_viewport;
    const home = createHomeSlot(site, (page) =>
      isHtmlPage(page) ? { url: page.url, responsive: page.content.hasResponsiveViewport } : null,
    );
    let htmlPages = 0;
    let responsivePages = 0;
    let firstMissing: { url: string } | undefined;
    return {
      add(page) {
        home.offer(page);
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        if (page.content.hasResponsiveViewport) responsivePages += 1;
        else firstMissing = firstByUrl(firstMissing, { url: page.url });
      },
      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label, { pages: 0 });
        const share = responsivePages / htmlPages;
        const homePage = home.value ?? null;
        const widely = share >= MOBILE_VIEWPORT.passMinShare;
        let outcome: PortalCheckOutcome;
        let summary: string;
        if (homePage !== null && !homePage.responsive) {
          outcome = 'fail';
          summary = `${label} : la page d’accueil n’est pas adaptée aux mobiles (${formatRatio(share)} des pages le sont)`;
        } else {
          outcome = widely ? 'pass' : 'warn';
          const where = homePage === null ? 'page d’accueil non analysée' : 'page d’accueil adaptée';
          summary = `${label} : ${where}, ${formatRatio(share)} des pages adaptées`;
        }
        const evidence = [];
        if (homePage !== null) {
          evidence.push({
            url: homePage.url,
            note: homePage.responsive
              ? 'Viewport adaptatif déclaré'
              : 'Pas de viewport adaptatif (width=device-width)',
          });
        }
        if (firstMissing !== undefined && firstMissing.url !== homePage?.url) {
          evidence.push({ url: firstMissing.url, note: 'Page sans viewport adaptatif' });
        }
        return {
          outcome,
          value: Math.round(share * 10_000) / 10_000,
          summary,
          details: {
            homeResponsive: homePage?.responsive ?? null,
            responsivePages,
            pages: htmlPages,
            share,
            thresholds: MOBILE_VIEWPORT,
          },
          evidence,
        };
      },
    };
  },
};
