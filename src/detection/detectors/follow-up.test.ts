import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
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

  it.each([
    'La décision vous est notifiée par courrier.',
    'Comptez un mois de délai de traitement. Vous serez informé de la décision par voie postale.',
    'Les pupilles de l’État peuvent demander à consulter leur dossier.',
    'Demandes d’actes d’état civil, inscriptions scolaires, signalements.',
  ])('does not take « %s » for an online follow-up', (line) => {
    expect(found(line)).toEqual([]);
  });

  it('keeps a follow-up told by e-mail, and ignores a heading that only names one', () => {
    expect(found('La décision vous est notifiée par courriel.')).toHaveLength(1);
    const page = htmlPage(
      '<main><h2>Suivi de votre dossier</h2><p>La décision vous est envoyée par courrier.</p></main>',
    );
    expect(detectFollowUp(page, contextOf(page))).toEqual([]);
  });

  it('does not take « les jours suivants » or « suivez le guide » for a follow-up', () => {
    expect(found('Les bacs sont collectés les jours suivants.')).toEqual([]);
    expect(found('Suivez le guide pour visiter le musée.')).toEqual([]);
  });
});
