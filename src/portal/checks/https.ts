import { createHomeSlot } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';

/** The home page is served over HTTPS (after redirects) with a certificate we could verify. */
export const httpsCheck: PortalCheck = {
  key: 'https',
  start({ site }) {
    const home = createHomeSlot(site, (page) => ({
      url: page.url,
      finalUrl: page.finalUrl,
      status: page.status,
      httpStatus: page.httpStatus,
    }));
    const label = PORTAL_CHECK_LABELS.https;
    return {
      add: (page) => home.offer(page),
      finish() {
        const page = home.value;
        if (page === undefined) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : page d’accueil non collectée`,
            details: { homeUrl: site.homeUrl },
            evidence: [],
          };
        }
        const details = { finalUrl: page.finalUrl, status: page.status, httpStatus: page.httpStatus };
        if (page.status === 'tls_error') {
          return {
            outcome: 'fail',
            value: page.finalUrl,
            summary: `${label} : certificat ou connexion TLS refusés`,
            details,
            evidence: [
              {
                url: page.url,
                note: 'Erreur TLS à la connexion (certificat invalide, expiré ou protocole obsolète)',
              },
            ],
          };
        }
        if (page.httpStatus === null) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : page d’accueil injoignable (${page.status})`,
            details,
            evidence: [{ url: page.url, note: `Pas de réponse HTTP : ${page.status}` }],
          };
        }
        const secure = page.finalUrl.startsWith('https://');
        return {
          outcome: secure ? 'pass' : 'fail',
          value: page.finalUrl,
          summary: secure
            ? `${label} : page d’accueil servie en HTTPS`
            : `${label} : page d’accueil servie sans chiffrement (HTTP)`,
          details,
          evidence: [{ url: page.finalUrl, note: secure ? 'Servie en HTTPS' : 'Servie en HTTP' }],
        };
      },
    };
  },
};
