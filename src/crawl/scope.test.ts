import { describe, expect, it } from 'vitest';
import { createSiteScope, registrableDomain } from './scope.ts';

describe('registrableDomain', () => {
  it.each([
    ['www.ville.fr', 'ville.fr'],
    ['ville.fr', 'ville.fr'],
    ['demarches.services.ville.fr', 'ville.fr'],
    ['WWW.Ville.FR.', 'ville.fr'],
    ['www.ain.gouv.fr', 'ain.gouv.fr'],
    ['gouv.fr', 'gouv.fr'],
    ['www.comite.asso.fr', 'comite.asso.fr'],
    ['www.isula.corsica', 'isula.corsica'],
    ['www.ville-fortdefrance.mq', 'ville-fortdefrance.mq'],
    ['www.saintdenis.re', 'saintdenis.re'],
    ['www.club.asso.re', 'club.asso.re'],
    ['www.europa.eu', 'europa.eu'],
    ['www.example-collectivite.test', 'example-collectivite.test'],
    ['www.council.gov.uk', 'council.gov.uk'],
    ['www.shop.co.uk', 'shop.co.uk'],
    ['mairie-x.e-monsite.com', 'mairie-x.e-monsite.com'],
    ['www.mairie-x.e-monsite.com', 'mairie-x.e-monsite.com'],
    ['ville.free.fr', 'ville.free.fr'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('createSiteScope', () => {
  const platforms = (url: string) => {
    const host = new URL(url).hostname;
    if (host.endsWith('demarches-simplifiees.fr')) return 'demarches-simplifiees';
    if (host.endsWith('.espace-citoyens.net')) return 'espace-citoyens';
    return null;
  };

  it('keeps the start host, its www twin and its subdomains', () => {
    const scope = createSiteScope('https://www.ville.fr/', platforms);
    expect(scope.classify('https://ville.fr/contact')).toEqual({ kind: 'site', platform: null });
    expect(scope.classify('https://www.ville.fr/a')).toEqual({ kind: 'site', platform: null });
    expect(scope.classify('https://mediatheque.ville.fr/')).toEqual({ kind: 'site', platform: null });
  });

  it('rejects other sites, including look-alike suffixes', () => {
    const scope = createSiteScope('https://www.ville.fr/', platforms);
    expect(scope.classify('https://www.autre-ville.fr/').kind).toBe('out_of_scope');
    expect(scope.classify('https://www.notville.fr/').kind).toBe('out_of_scope');
    expect(scope.classify('https://ville.fr.evil.test/').kind).toBe('out_of_scope');
  });

  it('does not treat other customers of a shared host as the site', () => {
    const scope = createSiteScope('https://mairie-x.e-monsite.com/', platforms);
    expect(scope.classify('https://www.mairie-x.e-monsite.com/a').kind).toBe('site');
    expect(scope.classify('https://mairie-y.e-monsite.com/').kind).toBe('out_of_scope');
  });

  it('widens to hosts the start URL redirected to', () => {
    const scope = createSiteScope('https://ville.fr/', platforms);
    expect(scope.classify('https://www.ville-nouvelle.fr/').kind).toBe('out_of_scope');
    scope.addHost('www.ville-nouvelle.fr');
    expect(scope.classify('https://agenda.ville-nouvelle.fr/').kind).toBe('site');
    expect(scope.domains()).toEqual(['ville.fr', 'ville-nouvelle.fr']);
  });

  it('marks known platforms outside the site', () => {
    const scope = createSiteScope('https://www.ville.fr/', platforms);
    expect(scope.classify('https://www.demarches-simplifiees.fr/commencer/x')).toEqual({
      kind: 'platform',
      platform: 'demarches-simplifiees',
    });
  });

  it('keeps a site hosted by a platform to its own host, not the platform’s other customers', () => {
    const scope = createSiteScope('https://ville.espace-citoyens.net/', platforms);
    expect(scope.classify('https://www.ville.espace-citoyens.net/a')).toEqual({
      kind: 'site',
      platform: 'espace-citoyens',
    });
    expect(scope.classify('https://autre.espace-citoyens.net/')).toEqual({
      kind: 'platform',
      platform: 'espace-citoyens',
    });
  });

  it('treats unreadable URLs as out of scope', () => {
    expect(createSiteScope('https://www.ville.fr/', platforms).classify('::').kind).toBe('out_of_scope');
  });
});
