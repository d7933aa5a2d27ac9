import { describe, expect, it } from 'vitest';
import { htmlPage, textPage } from '../../test/support/detection.ts';
import { analyzePage } from './page-analysis.ts';

describe('analyzePage', () => {
  it('reads the title, the URL path and every line of plain text as blocks', () => {
    const analysis = analyzePage(
      textPage('Titre', ['Première ligne.', 'Seconde ligne.'], 'https://x.fr/a/B%C3%A9b%C3%A9.html'),
    );
    expect(analysis.path).toBe('/a/bebe');
    expect(analysis.blocks.map((block) => [block.field, block.text])).toEqual([
      ['title', 'Titre'],
      ['url', ' a bebe'],
      ['line', 'Première ligne.'],
      ['line', 'Seconde ligne.'],
    ]);
  });

  it('guesses headings in plain text: short lines without final punctuation', () => {
    const analysis = analyzePage(
      textPage('Titre', [
        'Acte de naissance',
        'La copie est gratuite.',
        'Par courrier',
        'Écrivez à la mairie.',
      ]),
    );
    expect(analysis.sections.map((section) => [section.heading, section.level])).toEqual([
      ['', 0],
      ['Acte de naissance', 1],
      ['Par courrier', 2],
    ]);
  });

  it('does not take a list line or a « label : value » line for a heading', () => {
    const analysis = analyzePage(
      textPage('Titre', ['Intro.', 'Accès : A · B · C', 'Horaires : 9 h - 12 h', 'Fin.']),
    );
    expect(analysis.sections).toHaveLength(1);
  });

  it('uses the sections of an HTML page and adds its main-content links to them', () => {
    const analysis = analyzePage(
      htmlPage('<h1>Titre</h1><p>Texte <a href="/x">lien</a></p><h2>Suite</h2><p>Fin</p>'),
    );
    expect(analysis.sections.map((section) => section.heading)).toEqual(['', 'Titre', 'Suite']);
    const link = analysis.blocks.find((block) => block.field === 'link');
    expect(link?.section).toBe(1);
    expect(analysis.sections[1]?.blocks).toContain(link?.index);
  });
});
