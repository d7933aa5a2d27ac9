import { firstByUrl, noHtmlPageVerdict } from '../html-pages.ts';
import { createHomeSlot, foldedPath, isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalEvidence } from '../portal.types.ts';

const SEARCH_PATH = /(?:^|\/)(?:recherche|rechercher|search)(?:[/._-]|$)/;

/** A site search: a search form on the home page, or a search page (form elsewhere, /recherche). */
export const siteSearchCheck: PortalCheck = {
  key: 'site_search',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.site_search;
    const home = createHomeSlot(site, (page) =>
      isHtmlPage(page) ? { url: page.url, hasForm: page.content.forms.some((form) => form.isSearch) } : null,
    );
    let htmlPages = 0;
    let pagesWithForm = 0;
    let formPage: { url: string } | undefined;
    let searchPage: { url: string } | undefined;
    let formAction: string | undefined;
    return {
      add(page) {
        home.offer(page);
        if (!isHtmlPage(page)) return;
        htmlPages += 1;
        const form = page.content.forms.find((candidate) => candidate.isSearch);
        if (form !== undefined) {
          pagesWithForm += 1;
          formPage = firstByUrl(formPage, { url: page.url });
          if (form.action !== null && (formAction === undefined || form.action < formAction))
            formAction = form.action;
        }
        if (SEARCH_PATH.test(foldedPath(page.finalUrl)))
          searchPage = firstByUrl(searchPage, { url: page.url });
      },
      finish() {
        if (htmlPages === 0) return noHtmlPageVerdict(label);
        const homePage = home.value ?? null;
        const onHome = homePage?.hasForm ?? null;
        const details = {
          onHome,
          pagesWithForm,
          pages: htmlPages,
          searchPageUrl: searchPage?.url ?? null,
          formAction: formAction ?? null,
        };
        const evidence: PortalEvidence[] = [];
        if (onHome === true && homePage !== null)
          evidence.push({ url: homePage.url, note: 'Formulaire de recherche sur la page d’accueil' });
        else if (formPage !== undefined)
          evidence.push({ url: formPage.url, note: 'Formulaire de recherche' });
        if (searchPage !== undefined) evidence.push({ url: searchPage.url, note: 'Page de recherche' });

        if (onHome === true) {
          return {
            outcome: 'pass',
            value: homePage?.url ?? null,
            summary: `${label} : présent sur la page d’accueil`,
            details,
            evidence,
          };
        }
        const elsewhere = searchPage?.url ?? formPage?.url;
        if (elsewhere !== undefined) {
          return {
            outcome: 'pass',
            value: elsewhere,
            summary: `${label} : présent, hors page d’accueil`,
            details,
            evidence,
          };
        }
        return { outcome: 'fail', value: null, summary: `${label} : aucun`, details, evidence };
      },
    };
  },
};
