import { describe, expect, it } from 'vitest';
import { validatePage, validateResponse } from './answers.rules.ts';
import { loadTemplate } from './templates.ts';

const maturity = loadTemplate('maturite-numerique', '2026').questionnaire;
const pageNamed = (name: string) => {
  const page = maturity.pages.find((p) => p.name === name);
  if (!page) throw new Error(name);
  return page;
};

describe('answers checked against the questionnaire', () => {
  it('asks for every required question, with a message for its type', () => {
    const { problems } = validatePage(pageNamed('profil'), {}, {});
    expect(problems).toEqual([
      { question: 'profil', message: 'Choisissez une réponse.' },
      { question: 'type_collectivite', message: 'Choisissez une réponse.' },
      { question: 'taille', message: 'Choisissez une réponse.' },
    ]);
  });

  it('asks a question shown by display logic, and drops the answer to one hidden', () => {
    const asAgent = validatePage(pageNamed('profil'), { profil: 'agent', fonction_elu: 'conseiller' }, {});
    expect(asAgent.problems.map((p) => p.question)).toEqual([
      'fonction_agent',
      'type_collectivite',
      'taille',
    ]);
    expect(asAgent.answers).toEqual({ profil: 'agent' });
  });

  it('sees answers of earlier pages when deciding what a page asks', () => {
    const page = pageNamed('logiciels_libres');
    expect(validatePage(page, { logiciels: 'les_deux' }, {}).problems).toEqual([
      { question: 'raisons_libres', message: 'Cochez au moins une réponse.' },
    ]);
    expect(validatePage(page, { logiciels: 'proprietaires', raisons_libres: ['cout'] }, {}).answers).toEqual({
      logiciels: 'proprietaires',
    });
  });

  it('checks scales, choices, maximum choices and rankings', () => {
    const scale = validatePage(
      pageNamed('maturite'),
      { maturite: 11, satisfaction: { culture: 'satisfait' } },
      {},
    );
    expect(scale.problems).toEqual([
      { question: 'maturite', message: 'Choisissez une note entière de 0 à 10.' },
      {
        question: 'satisfaction',
        message: expect.stringMatching(/^Répondez pour chaque ligne : « Marchés publics »/),
      },
    ]);
    const choices = validatePage(
      pageNamed('benefices_freins'),
      { benefices: ['economies', 'gain_temps', 'transparence', 'participation'], freins: ['cout', 'cout'] },
      {},
    );
    expect(choices.problems).toEqual([
      { question: 'benefices', message: 'Cochez 3 réponses au plus (4 cochées).' },
      { question: 'freins', message: 'Donnez à chaque proposition un rang différent, de 1 à 6.' },
    ]);
    expect(validatePage(pageNamed('profil'), { profil: 'chef' }, {}).problems[0]).toEqual({
      question: 'profil',
      message: 'Réponse inconnue.',
    });
  });

  it('checks the range of numbers, in French notation', () => {
    const page = pageNamed('donnees_infrastructure');
    expect(validatePage(page, { gouvernance_donnees: 'oui', couverture_thd: 120 }, {}).problems).toEqual([
      { question: 'couverture_thd', message: 'Indiquez un nombre inférieur ou égal à 100.' },
    ]);
    expect(validatePage(page, { gouvernance_donnees: 'oui', couverture_thd: 99.5 }, {}).problems).toEqual([]);
  });

  it('validates a whole response page after page before submission', () => {
    const complete = {
      profil: 'elu',
      fonction_elu: 'conseiller',
      type_collectivite: 'commune',
      taille: 'moins_3500',
      maturite: 4,
      satisfaction: Object.fromEntries(
        [
          'marches_publics',
          'fonctionnement',
          'e_administration',
          'relation_usagers',
          'culture',
          'education',
          'social',
          'securite',
          'transport',
          'democratie',
        ].map((r) => [r, 'satisfait']),
      ),
      benefices: ['economies'],
      freins: ['cout', 'resistance', 'competences', 'securite', 'mefiance', 'infrastructure'],
      logiciels: 'ne_sait_pas',
      gouvernance_donnees: 'non',
    };
    expect(validateResponse(maturity, complete).problems).toEqual([]);
    const { problems } = validateResponse(maturity, { ...complete, maturite: undefined } as never);
    expect(problems).toEqual([
      { page: 'maturite', question: 'maturite', message: 'Choisissez une note de 0 à 10.' },
    ]);
  });
});
