import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
import { extractPage } from '../html-extract.ts';
import { detectAccount } from './account.ts';

describe('account detector', () => {
  it.each([
    'Connectez-vous à votre espace personnel.',
    'Créez votre compte ou utilisez FranceConnect.',
    'Votre agence en ligne vous permet de payer.',
  ])('recognises « %s »', (line) => {
    const page = textPage('Titre', [line, 'Fin.']);
    expect(detectAccount(page, contextOf(page))).toHaveLength(1);
  });

  it('recognises a login form by its password field', () => {
    const page = htmlPage(
      '<form action="/login" method="post"><input name="u"><input type="password" name="p"><button>Se connecter</button></form>',
    );
    expect(detectAccount(page, contextOf(page))).toContainEqual(
      expect.objectContaining({ phrase: 'formulaire de connexion' }),
    );
  });

  it('ignores the account link of the site header', () => {
    const page = extractPage(
      'https://www.ville-test.fr/page',
      '<header><a href="/mon-compte">Mon compte</a></header><main><p>Horaires de la mairie.</p></main>',
    );
    expect(detectAccount(page, contextOf(page))).toEqual([]);
  });
});
