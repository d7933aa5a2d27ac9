import { hostOf, isFirstPartyHost } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';

/** Whoever types the address without https:// is sent to the secure site (probe made by the pipeline). */
export const httpsRedirectCheck: PortalCheck = {
  key: 'https_redirect',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.https_redirect;
    return {
      add() {},
      finish({ httpProbe }) {
        if (httpProbe === undefined) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : non testée`,
            details: {},
            evidence: [],
          };
        }
        const target = httpProbe.redirectsTo;
        if (target === null) {
          return {
            outcome: 'fail',
            value: null,
            summary: `${label} : absente, le site reste accessible sans chiffrement`,
            details: { probedUrl: httpProbe.url, redirectsTo: null },
            evidence: [{ url: httpProbe.url, note: 'Répond en HTTP sans rediriger' }],
          };
        }
        const secure = target.startsWith('https://');
        const targetHost = hostOf(target);
        const sameSite = targetHost !== null && isFirstPartyHost(targetHost, site);
        return {
          outcome: secure ? 'pass' : 'fail',
          value: target,
          summary: secure ? `${label} : en place` : `${label} : la redirection mène à une autre adresse HTTP`,
          details: { probedUrl: httpProbe.url, redirectsTo: target, sameSite },
          evidence: [{ url: httpProbe.url, note: `Redirige vers ${target}` }],
        };
      },
    };
  },
};
