import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
import { detectEmailRequest } from './email-request.ts';

const found = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectEmailRequest(page, contextOf(page));
};

describe('email-request detector', () => {
  it.each([
    'Envoyez votre demande par courriel à etatcivil@ville.fr.',
    'Le dossier peut être adressé par mail au service urbanisme.',
    'Demande à transmettre à jeunesse@ville.fr avant le 30 juin.',
  ])('recognises « %s »', (line) => {
    expect(found(line)).toHaveLength(1);
  });

  it.each(['Contact : scolaire@ville.fr', 'Pour toute question, écrivez à accueil@ville.fr.'])(
    'does not take a contact address for a request channel: « %s »',
    (line) => {
      expect(found(line)).toEqual([]);
    },
  );

  it('reads a mailto link with the line around it', () => {
    const page = htmlPage('<p>Envoyez votre dossier à <a href="mailto:spanc@cc.fr">notre service</a>.</p>');
    expect(detectEmailRequest(page, contextOf(page)).length).toBeGreaterThanOrEqual(1);
  });
});
