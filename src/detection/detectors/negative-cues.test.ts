import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectNegativeCues, genreCategoriesOf, negativeCategoriesOf } from './negative-cues.ts';

const cues = (title: string, lines: string[], url?: string) => {
  const page = textPage(title, lines, url);
  return detectNegativeCues(page, contextOf(page)).map((signal) => [signal.negative, signal.strength]);
};

describe('negative-cues detector', () => {
  it('recognises news, agendas, job offers, council minutes and listings by their title', () => {
    expect(cues('Actualités : la nouvelle crèche', ['Texte.'])).toContainEqual(['news', 1]);
    expect(cues('Agenda des animations', ['Texte.'])).toContainEqual(['agenda', 1]);
    expect(cues("Offre d'emploi - agent d'accueil (H/F)", ['Texte.'])).toContainEqual(['job_offer', 1]);
    expect(cues('Compte rendu de la séance du 3 mars', ['Texte.'])).toContainEqual(['council', 1]);
    expect(cues('Plan du site', ['Texte.'])).toContainEqual(['listing', 1]);
  });

  it('recognises them by the URL path', () => {
    expect(cues('Titre', ['Texte.'], 'https://www.ville.fr/actualites/2025/crèche')).toContainEqual([
      'news',
      1,
    ]);
    expect(cues('Titre', ['Texte.'], 'https://www.ville.fr/offres-emploi/agent')).toContainEqual([
      'job_offer',
      1,
    ]);
  });

  it('reads only specific markers in the first lines, and weakly for « Publié le »', () => {
    expect(cues('Titre', ['Publié le 3 mars 2025', 'Texte.'])).toEqual([['news', 0.5]]);
    expect(cues('Titre', ["L'événement a lieu en mairie.", 'Texte.'])).toEqual([]);
  });

  it('does not read cues deep in the body', () => {
    expect(cues('Titre', ['Un.', 'Deux.', 'Trois.', 'Publié le 3 mars 2025.'])).toEqual([]);
  });

  it('tells which kinds of page a service is itself (exemptions) and which its name makes it (genre)', () => {
    expect(negativeCategoriesOf('délibérations du conseil municipal')).toEqual(['council']);
    expect(genreCategoriesOf("Offres d'emploi et de stage au département")).toEqual(['job_offer']);
    expect(genreCategoriesOf('Secteurs de recrutement des collèges')).toEqual([]);
  });
});
