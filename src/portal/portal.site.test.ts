import { describe, expect, it } from 'vitest';
import { HOME, portalPage } from '../../test/support/portal-pages.ts';
import { createPortalSite, homeRank, isFirstPartyHost, urlKey } from './portal.site.ts';

describe('portal site', () => {
  const site = createPortalSite(HOME);

  it('compares URLs without fragment nor utm_* parameters', () => {
    expect(urlKey('https://WWW.Ville-Exemple.fr:443/a?utm_source=x&id=2#haut')).toBe(
      'https://www.ville-exemple.fr/a?id=2',
    );
    expect(urlKey('https://www.ville-exemple.fr/a?utm_campaign=x')).toBe('https://www.ville-exemple.fr/a');
    expect(urlKey('mailto:mairie@ville-exemple.fr')).toBeNull();
  });

  it('counts the home host, its bare domain and their subdomains as first-party', () => {
    expect(isFirstPartyHost('www.ville-exemple.fr', site)).toBe(true);
    expect(isFirstPartyHost('ville-exemple.fr', site)).toBe(true);
    expect(isFirstPartyHost('demarches.ville-exemple.fr', site)).toBe(true);
    expect(isFirstPartyHost('ville-exemple.fr.evil.com', site)).toBe(false);
    expect(isFirstPartyHost('autre-ville-exemple.fr', site)).toBe(false);
  });

  it('ranks the page requested at the home URL before one redirected to it, before any depth-0 page', () => {
    expect(homeRank(portalPage(HOME), site)).toBe(0);
    expect(
      homeRank(
        portalPage('https://ville-exemple.fr/', { finalUrl: HOME, redirectChain: [HOME], depth: 0 }),
        site,
      ),
    ).toBe(1);
    expect(homeRank(portalPage('https://www.ville-exemple.fr/accueil', { depth: 0 }), site)).toBe(2);
    expect(homeRank(portalPage('https://www.ville-exemple.fr/contact'), site)).toBeNull();
  });

  it('refuses a home URL that is not a web address', () => {
    expect(() => createPortalSite('ftp://ville-exemple.fr')).toThrow(/non web/);
    expect(() => createPortalSite('pas une adresse')).toThrow(/illisible/);
  });
});
