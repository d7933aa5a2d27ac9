import { describe, expect, it } from 'vitest';
import { parseFrenchNumber, readPageForm } from './form-answers.rules.ts';
import { loadTemplate } from './templates.ts';

const pages = loadTemplate('maturite-numerique', '2026').questionnaire.pages;
const page = (name: string) => {
  const found = pages.find((p) => p.name === name);
  if (!found) throw new Error(name);
  return found;
};
const form = (fields: [string, string][]) => (name: string) =>
  fields.filter(([n]) => n === name).map(([, v]) => v);

describe('reading a posted questionnaire page', () => {
  it('reads choices, several checked boxes, a scale and a ranking given as ranks', () => {
    const { answers, problems } = readPageForm(
      page('benefices_freins'),
      form([
        ['benefices', 'economies'],
        ['benefices', 'gain_temps'],
        ['freins.cout', '2'],
        ['freins.resistance', '1'],
        ['freins.competences', '3'],
        ['freins.securite', '4'],
        ['freins.mefiance', '6'],
        ['freins.infrastructure', '5'],
      ]),
    );
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      benefices: ['economies', 'gain_temps'],
      freins: ['resistance', 'cout', 'competences', 'securite', 'infrastructure', 'mefiance'],
    });
  });

  it('reads a matrix row by row and a French decimal number', () => {
    expect(
      readPageForm(
        page('maturite'),
        form([
          ['maturite', '7'],
          ['satisfaction.culture', 'satisfait'],
        ]),
      ).answers,
    ).toEqual({
      maturite: 7,
      satisfaction: { culture: 'satisfait' },
    });
    expect(parseFrenchNumber('12,5')).toBe(12.5);
    expect(parseFrenchNumber('1 200')).toBe(1200);
    expect(parseFrenchNumber('douze')).toBeUndefined();
  });

  it('says what it cannot read: a word for a number, two choices with the same rank', () => {
    expect(
      readPageForm(page('donnees_infrastructure'), form([['couverture_thd', 'beaucoup']])).problems,
    ).toEqual([{ question: 'couverture_thd', message: 'Indiquez un nombre, par exemple 12 ou 12,5.' }]);
    expect(
      readPageForm(
        page('benefices_freins'),
        form([
          ['freins.cout', '1'],
          ['freins.resistance', '1'],
        ]),
      ).problems,
    ).toEqual([{ question: 'freins', message: 'Donnez à chaque proposition un rang différent, de 1 à 6.' }]);
  });
});
