import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
import { extractPage } from '../html-extract.ts';
import { detectPlatformLinks } from './platform-links.ts';

const platformsOf = (page: ReturnType<typeof textPage>) =>
  detectPlatformLinks(page, contextOf(page)).map((signal) => [signal.kind, signal.platform]);

describe('platform-links detector', () => {
  it('recognises links to e-service platforms and to national services', () => {
    const page = htmlPage(
      '<p><a href="https://www.demarches-simplifiees.fr/commencer/badge">Demande</a> ' +
        '<a href="https://wwwd.caf.fr/wps/portal">CAF</a></p>',
    );
    expect(platformsOf(page)).toEqual(
      expect.arrayContaining([
        ['platform', 'demarches-simplifiees'],
        ['third_party', 'caf'],
      ]),
    );
  });

  it('recognises platforms named in the text or written as a domain', () => {
    const page = textPage('Titre', [
      'Déposez votre dossier sur Démarches simplifiées.',
      'La demande se fait sur caf.fr.',
    ]);
    expect(platformsOf(page)).toEqual(
      expect.arrayContaining([
        ['platform', 'demarches-simplifiees'],
        ['third_party', 'caf'],
      ]),
    );
  });

  it('recognises embedded booking widgets, form actions and script fingerprints', () => {
    const page = extractPage(
      'https://www.ville-test.fr/rdv',
      '<main><iframe src="https://www.rdv360.com/mairie-x"></iframe>' +
        '<form action="https://demarches.ville-test.fr/odp" method="post"><input name="a"><input name="b"><button>OK</button></form>' +
        '<script src="/static/js/qommon.forms.js"></script></main>',
    );
    expect(platformsOf(page)).toEqual(
      expect.arrayContaining([
        ['platform', 'rdv360'],
        ['platform', 'portail-demarches-collectivite'],
        ['platform', 'publik'],
      ]),
    );
  });

  it('knows a page fetched on the platform itself', () => {
    const page = textPage('Démarche', ['Formulaire'], 'https://gnau13.operis.fr/ville/gnau/');
    expect(platformsOf(page)).toContainEqual(['platform', 'gnau-operis']);
  });
});
