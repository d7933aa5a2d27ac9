import { describe, expect, it } from 'vitest';
import { loadPlatforms, matchPlatform, parsePlatforms } from './platforms.ts';

describe('platforms', () => {
  it('loads the shipped list: unique keys, valid kinds, every platform reachable', () => {
    const { platforms } = loadPlatforms();
    expect(platforms.length).toBeGreaterThan(30);
    for (const platform of platforms) {
      expect(
        platform.hosts.length +
          (platform.host_labels?.length ?? 0) +
          (platform.html_fingerprints?.length ?? 0),
      ).toBeGreaterThan(0);
    }
  });

  it.each([
    ['https://www.demarches-simplifiees.fr/commencer/badge', 'demarches-simplifiees'],
    ['https://demarche.numerique.gouv.fr/commencer/x', 'demarches-simplifiees'],
    ['https://gnau13.operis.fr/ville/gnau/#/', 'gnau-operis'],
    ['https://www.payfip.gouv.fr/tpa/accueil', 'payfip'],
    ['https://www.tipi.budget.gouv.fr/', 'payfip'],
    ['https://wwwd.caf.fr/wps/portal', 'caf'],
    ['https://rendezvouspasseport.ants.gouv.fr/', 'rendez-vous-passeport'],
    ['https://passeport.ants.gouv.fr/', 'ants'],
    ['https://mdphenligne.cnsa.fr/mdph/84', 'mdph-en-ligne'],
    ['https://www.service-public.fr/particuliers/vosdroits/R1406', 'service-public'],
  ])('matches %s to %s by the longest host suffix', (url, key) => {
    expect(matchPlatform(url)?.key).toBe(key);
  });

  it('matches an authority subdomain by its first label, trailing digits ignored', () => {
    expect(matchPlatform('https://demarches.ville-x.fr/')?.key).toBe('portail-demarches-collectivite');
    expect(matchPlatform('https://famille.ville-x.fr/')?.key).toBe('portail-famille-collectivite');
    expect(matchPlatform('https://gnau2.agglo-y.fr/')?.key).toBe('gnau');
  });

  it('does not match a label of a registrable domain, a lookalike domain or a non-web URL', () => {
    expect(matchPlatform('https://demarches.fr/')).toBeNull();
    expect(matchPlatform('https://notcaf.fr/')).toBeNull();
    expect(matchPlatform('mailto:contact@caf.fr')).toBeNull();
    expect(matchPlatform('pas une adresse')).toBeNull();
  });

  it('finds platforms by fingerprints in resource URLs', () => {
    expect(
      loadPlatforms()
        .fingerprints(['https://demarches.x.fr/static/js/qommon.forms.js'])
        .map((p) => p.key),
    ).toEqual(['publik']);
  });

  it('refuses an invalid or inconsistent file', () => {
    expect(() =>
      parsePlatforms('platforms:\n  - key: x\n    name: X\n    kind: bank\n    hosts: []\n'),
    ).toThrow(/invalide/);
    expect(() =>
      parsePlatforms(
        'platforms:\n  - {key: a, name: A, kind: eservice, hosts: [a.fr]}\n  - {key: b, name: B, kind: eservice, hosts: [a.fr]}\n',
      ),
    ).toThrow(/a\.fr/);
  });
});
