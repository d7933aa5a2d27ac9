import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
import { detectDownloadableForm } from './downloadable-form.ts';

const fromText = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectDownloadableForm(page, contextOf(page));
};
const fromLink = (link: string) => {
  const page = htmlPage(`<p>${link}</p>`);
  return detectDownloadableForm(page, contextOf(page));
};

describe('downloadable-form detector', () => {
  it.each([
    'Téléchargez le formulaire de demande et renvoyez-le à la mairie.',
    'Le dossier est à télécharger ci-dessous.',
    'Formulaire cerfa n° 13703 (PDF)',
    "Remplissez la fiche d'inscription à télécharger ci-dessous.",
    'Bon de commande à imprimer et à renvoyer avec votre règlement.',
  ])('recognises « %s »', (line) => {
    expect(fromText(line)).toHaveLength(1);
  });

  it.each([
    'Téléchargez le règlement intérieur (PDF).',
    'Fiches circuits à télécharger (PDF).',
    'Le dossier comprend le formulaire cerfa n° 13406.',
    'Le dossier est à retirer en mairie.',
  ])('does not take « %s » for a form to download', (line) => {
    expect(fromText(line)).toEqual([]);
  });

  it('recognises a link to a PDF or Word file named as a form', () => {
    expect(fromLink('<a href="/docs/formulaire-inscription.pdf">Télécharger</a>')).toHaveLength(1);
    expect(fromLink('<a href="/docs/doc123.docx">Dossier de demande</a>')).toHaveLength(1);
  });

  it('does not take a PDF guide or calendar for a form', () => {
    expect(fromLink('<a href="/docs/calendrier-collecte.pdf">Calendrier de collecte</a>')).toEqual([]);
    expect(fromLink('<a href="/docs/guide.pdf">Guide du tri</a>')).toEqual([]);
  });
});
