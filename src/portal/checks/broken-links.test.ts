import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { brokenLinksCheck } from './broken-links.ts';

/** A home page linking to `total` internal pages, of which the first `broken` answer 404. */
function siteWith(total: number, broken: number) {
  const targets = Array.from({ length: total }, (_, i) => `${HOME}page-${i}`);
  return [
    portalPage(HOME, { content: { links: targets.map((href) => ({ href, text: 'Lien' })) } }),
    ...targets.map((url, i) => (i < broken ? failedPage(url, 'not_found', 404) : portalPage(url))),
  ];
}

describe('broken_links check', () => {
  it('passes with at most 1 % of fetched internal link targets broken', () => {
    const result = checkResult(brokenLinksCheck, siteWith(100, 1));
    expect(result).toMatchObject({ outcome: 'pass', value: 0.01, details: { checked: 100, broken: 1 } });
    expect(result.summary).toBe('Liens cassés : 1 % (1 sur 100 liens internes vérifiés)');
  });

  it('warns above 1 %', () => {
    expect(checkResult(brokenLinksCheck, siteWith(50, 1)).outcome).toBe('warn');
  });

  it('fails above 5 %', () => {
    expect(checkResult(brokenLinksCheck, siteWith(50, 3))).toMatchObject({ outcome: 'fail', value: 0.06 });
  });

  it('counts server errors as broken, and names the page that links to them', () => {
    const target = `${HOME}demarches`;
    const result = checkResult(brokenLinksCheck, [
      portalPage(HOME, { content: { links: [{ href: `${target}#haut`, text: 'Démarches' }] } }),
      failedPage(target, 'server_error', 503),
    ]);
    expect(result).toMatchObject({ outcome: 'fail', value: 1 });
    expect(result.evidence).toEqual([{ url: target, note: `Lien erreur du serveur (503), depuis ${HOME}` }]);
  });

  it('follows redirects: a link to a URL that redirects to a 404 is broken', () => {
    const old = `${HOME}ancien`;
    const result = checkResult(brokenLinksCheck, [
      portalPage(HOME, { content: { links: [{ href: old, text: 'Ancienne page' }] } }),
      {
        ...failedPage(old, 'not_found', 404),
        finalUrl: `${HOME}nouveau`,
        redirectChain: [old, `${HOME}nouveau`],
      },
    ]);
    expect(result.details).toMatchObject({ checked: 1, broken: 1 });
  });

  it('ignores external links and targets that were not fetched (out of scope, robots.txt)', () => {
    const result = checkResult(brokenLinksCheck, [
      portalPage(HOME, {
        content: {
          links: [
            { href: 'https://www.service-public.fr/introuvable', text: 'Service-public' },
            { href: `${HOME}prive`, text: 'Privé' },
            { href: `${HOME}jamais`, text: 'Non collectée' },
            { href: `${HOME}actualites`, text: 'Actualités' },
          ],
        },
      }),
      failedPage('https://www.service-public.fr/introuvable', 'not_found', 404),
      failedPage(`${HOME}prive`, 'robots_disallowed', null),
      portalPage(`${HOME}actualites`),
    ]);
    expect(result).toMatchObject({ outcome: 'pass', details: { checked: 1, notFetched: 2, linkTargets: 3 } });
  });

  it('is unknown when no internal link target was fetched', () => {
    expect(checkResult(brokenLinksCheck, [portalPage(HOME)]).outcome).toBe('unknown');
  });
});
