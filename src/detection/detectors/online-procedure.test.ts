import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectOnlineProcedure } from './online-procedure.ts';

const phrasesIn = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectOnlineProcedure(page, contextOf(page)).map((signal) => signal.phrase);
};

describe('online-procedure detector', () => {
  it.each([
    'Faites votre demande en ligne.',
    'Déposez votre dossier complet en ligne avant le 30 juin.',
    'Utilisez le téléservice de la ville.',
    'Remplissez le formulaire ci-dessous.',
    'Utilisez le formulaire de contact ci-dessous.',
    'Les dossiers se déposent sur le portail des aides.',
    'Inscriptions en ligne à partir du 2 mars.',
  ])('recognises « %s »', (line) => {
    expect(phrasesIn(line)).toHaveLength(1);
  });

  it.each([
    'Le plan est consultable en ligne.',
    'Les menus sont mis en ligne chaque mois.',
    'Le dossier est à déposer en mairie.',
    'Téléchargez le formulaire ci-dessous.',
    'Prenez rendez-vous avec un conseiller, en ligne ou par téléphone.',
  ])('does not take « %s » for an online procedure', (line) => {
    expect(phrasesIn(line)).toEqual([]);
  });
});
