import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectFollowUp } from './follow-up.ts';

const found = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectFollowUp(page, contextOf(page));
};

describe('follow-up detector', () => {
  it.each([
    "Suivez l'avancement de votre dossier dans votre espace.",
    'Vous pouvez suivre votre demande en ligne.',
    'Le suivi de votre dossier est accessible 24 h/24.',
    "Consultez l'état de votre demande.",
    'Vous êtes informé de chaque étape par courriel.',
  ])('recognises « %s »', (line) => {
    expect(found(line)).toEqual([expect.objectContaining({ kind: 'tracking' })]);
  });

  it('does not take « les jours suivants » or « suivez le guide » for a follow-up', () => {
    expect(found('Les bacs sont collectés les jours suivants.')).toEqual([]);
    expect(found('Suivez le guide pour visiter le musée.')).toEqual([]);
  });
});
