import { describe, expect, it } from 'vitest';
import type { KindAggregates } from '../aggregates.rules.ts';
import { correlationFinding, kindFindings } from './findings.rules.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const histogram = { bins: [], below: 0, above: 0, n: 101 };
const summary = (median: number, mean: number, min: number, max: number) => ({
  q1: min,
  median,
  q3: max,
  iqr: max - min,
  min,
  max,
  n: 101,
  mean,
});

/** A hand-built edition of the 101 départements, the shape of the 2021 study's findings. */
function departements(overrides: Partial<KindAggregates> = {}): KindAggregates {
  return {
    kind: 'departement',
    authorities: 101,
    withWebsite: 101,
    withPopulation: 101,
    withRevenue: 101,
    engaged: 101,
    servicesApplicable: { min: 86, max: 86 },
    endToEnd: {
      summary: summary(23, 24.46, 2, 63),
      histogram,
      moreThan: [{ threshold: 50, count: 6 }],
      fewerThan: [
        { threshold: 10, count: 22 },
        { threshold: 20, count: 41 },
      ],
    },
    coverage: { themesApplicable: 7, all: 20, allButOne: 34, middle: 60, low: 7 },
    themes: [
      {
        key: 'emploi',
        name: 'Emploi & Insertion',
        rank: 1,
        authorities: 101,
        covering: 99,
        applicable: 606,
        digitalised: 376,
        endToEnd: 100,
        rate: 0.62,
      },
      {
        key: 'solidarites',
        name: 'Solidarités',
        rank: 2,
        authorities: 101,
        covering: 99,
        applicable: 1515,
        digitalised: 833,
        endToEnd: 100,
        rate: 0.55,
      },
      {
        key: 'culture',
        name: 'Tourisme & Culture',
        rank: 3,
        authorities: 101,
        covering: 80,
        applicable: 1212,
        digitalised: 400,
        endToEnd: 10,
        rate: 0.33,
      },
      {
        key: 'sport',
        name: 'Sport',
        rank: 4,
        authorities: 101,
        covering: 40,
        applicable: 505,
        digitalised: 61,
        endToEnd: 5,
        rate: 0.12,
      },
      {
        key: 'voirie',
        name: 'Voirie & Transport',
        rank: 5,
        authorities: 101,
        covering: 30,
        applicable: 808,
        digitalised: 73,
        endToEnd: 2,
        rate: 0.09,
      },
    ],
    index: { summary: summary(45.2, 46, 12.5, 87), best: [{ code: '59', name: 'Nord', index: 87 }] },
    portal: { mean: 71.6, n: 99 },
    correlations: [],
    ...overrides,
  };
}

describe('findings of an edition, in French', () => {
  it('writes the key facts as a study would', () => {
    expect(kindFindings(2026, departements())).toEqual([
      'L’édition 2026 porte sur 101 départements.',
      'Tous les départements ont engagé la numérisation de leurs services : chacun en propose au moins un en ligne, au moins en partie.',
      `Six départements proposent plus de 50 services de bout en bout (6${NBSP}%).`,
      `À l’inverse, 22 en proposent moins de 10 (22${NBSP}%) ; 41 en proposent moins de 20 (41${NBSP}%).`,
      'En médiane, un département propose 23 services de bout en bout sur 86 services attendus (moyenne : 24,5 ; de 2 à 63).',
      `Trente-quatre départements (34${NBSP}%) couvrent au moins six des sept thématiques ; 60 (59${NBSP}%) en couvrent de deux à cinq, sept (7${NBSP}%) une ou aucune (une thématique est couverte dès qu’un de ses services est proposé en ligne, au moins en partie).`,
      `Les thématiques les plus digitalisées sont Emploi & Insertion (62${NBSP}%) et Solidarités (55${NBSP}%) ; les moins digitalisées, Voirie & Transport (9${NBSP}%) et Sport (12${NBSP}%) (part des services proposés en ligne, au moins en partie).`,
      'L’indice de numérisation va de 12,5 à 87,0 sur 100 (médiane : 45,2) ; le meilleur revient à Nord (87,0).',
      'La qualité des portails, mesurée sur 99 sites, est en moyenne de 72 sur 100.',
      'Une corrélation mesure une association entre deux grandeurs ; elle n’établit pas de lien de cause à effet.',
    ]);
  });

  it('handles none, one and all', () => {
    const sentences = kindFindings(
      2026,
      departements({
        engaged: 0,
        endToEnd: {
          summary: summary(0, 0, 0, 0),
          histogram,
          moreThan: [{ threshold: 50, count: 0 }],
          fewerThan: [
            { threshold: 10, count: 1 },
            { threshold: 20, count: 101 },
          ],
        },
        coverage: { themesApplicable: 7, all: 0, allButOne: 0, middle: 0, low: 101 },
        index: {
          summary: summary(10, 10, 10, 10),
          best: [
            { code: '01', name: 'Ain', index: 10 },
            { code: '02', name: 'Aisne', index: 10 },
          ],
        },
      }),
    );
    expect(sentences).toContain(
      'Aucun département n’a encore engagé la numérisation de ses services : aucun n’en propose en ligne, même en partie.',
    );
    expect(sentences).toContain('Aucun département ne propose plus de 50 services de bout en bout.');
    expect(sentences).toContain(
      'À l’inverse, un seul en propose moins de 10 ; tous en proposent moins de 20.',
    );
    expect(sentences).toContain('Tous les départements couvrent une thématique au plus.');
    expect(sentences).toContain(
      'L’indice de numérisation va de 10,0 à 10,0 sur 100 (médiane : 10,0) ; Ain et Aisne se partagent le meilleur (10,0).',
    );
  });

  it('agrees with feminine nouns and singulars, and turns sentences that would open on a large figure', () => {
    const communes = departements({
      kind: 'commune',
      authorities: 34_969,
      withWebsite: 20_000,
      withPopulation: 34_960,
      engaged: 1,
      endToEnd: {
        summary: summary(1, 1.2, 0, 51),
        histogram,
        moreThan: [{ threshold: 50, count: 1 }],
        fewerThan: [],
      },
      servicesApplicable: { min: 40, max: 60 },
    });
    const sentences = kindFindings(2026, communes);
    expect(sentences[0]).toBe(
      `L’édition 2026 porte sur 34${NNBSP}969 communes, dont 14${NNBSP}969 sans site internet.`,
    );
    expect(sentences[1]).toBe(
      `Une seule commune sur 34${NNBSP}969 a engagé la numérisation de ses services (moins de 1${NBSP}%) ; 34${NNBSP}968 n’en proposent encore aucun en ligne, même en partie.`,
    );
    expect(sentences).toContain('Une seule commune propose plus de 50 services de bout en bout.');
    expect(sentences).toContain(
      'En médiane, une commune propose 1 service de bout en bout sur 40 à 60 services attendus selon les compétences (moyenne : 1,2 ; de 0 à 51).',
    );
    expect(sentences).toContain(
      'Neuf communes sans population connue sont écartées des corrélations avec la population et des groupes de pairs.',
    );
  });

  it('says once that finances are missing instead of listing correlations it cannot compute', () => {
    const notComputable = {
      status: 'not_computable' as const,
      reason: 'too_few_observations' as const,
      message: 'x',
    };
    const sentences = kindFindings(
      2026,
      departements({
        withRevenue: 0,
        correlations: [
          {
            x: 'operating_revenue',
            y: 'index',
            pearson: notComputable,
            spearman: notComputable,
            regression: notComputable,
          },
        ],
      }),
    );
    expect(sentences).toContain(
      'Faute de recettes de fonctionnement importées pour les départements, leurs corrélations avec les finances ne sont pas calculées (barometre import finances).',
    );
    expect(sentences.some((s) => s.startsWith('La corrélation entre les recettes'))).toBe(false);
  });

  it('reads a correlation with its figures, significance and Spearman’s ρ', () => {
    const sentence = correlationFinding({
      x: 'population',
      y: 'end_to_end',
      pearson: {
        status: 'ok',
        method: 'pearson',
        coefficient: 0.43,
        n: 101,
        dropped: 0,
        pValue: 0.00001,
        ci95: { lower: 0.26, upper: 0.57 },
      },
      spearman: {
        status: 'ok',
        method: 'spearman',
        coefficient: 0.512,
        n: 101,
        dropped: 0,
        pValue: 0.00001,
        ci95: { lower: 0.35, upper: 0.64 },
      },
      regression: { status: 'ok', slope: 1, intercept: 0, rSquared: 0.18, n: 101, dropped: 0 },
    });
    expect(sentence).toBe(
      `La corrélation entre la population et le nombre de services de bout en bout est positive et modérée (r = 0,43 ; IC 95${NBSP}% [0,26 ; 0,57] ; n = 101 ; p < 0,001), statistiquement significative au seuil de 5${NBSP}%. Le ρ de Spearman, moins sensible aux valeurs extrêmes, vaut 0,51.`,
    );
    const weak = correlationFinding({
      x: 'revenue_per_inhabitant',
      y: 'index',
      pearson: {
        status: 'ok',
        method: 'pearson',
        coefficient: -0.05,
        n: 40,
        dropped: 2,
        pValue: 0.76,
        ci95: { lower: -0.35, upper: 0.26 },
      },
      spearman: {
        status: 'not_computable',
        reason: 'zero_variance',
        message: 'Non calculable : variable constante',
      },
      regression: { status: 'ok', slope: 1, intercept: 0, rSquared: 0, n: 40, dropped: 2 },
    });
    expect(weak).toBe(
      `La corrélation entre les recettes de fonctionnement par habitant et l’indice de numérisation est négligeable (r = −0,05 ; IC 95${NBSP}% [−0,35 ; 0,26] ; n = 40 ; p = 0,760), non significative au seuil de 5${NBSP}%.`,
    );
    expect(
      correlationFinding({
        x: 'operating_revenue',
        y: 'end_to_end',
        pearson: {
          status: 'not_computable',
          reason: 'too_few_observations',
          message: 'Non calculable : trop peu d’observations (2 paire(s) complète(s), il en faut au moins 3)',
        },
        spearman: { status: 'not_computable', reason: 'too_few_observations', message: '' },
        regression: { status: 'not_computable', reason: 'too_few_observations', message: '' },
      }),
    ).toBe(
      'La corrélation entre les recettes réelles de fonctionnement et le nombre de services de bout en bout n’est pas calculable : trop peu d’observations (2 paire(s) complète(s), il en faut au moins 3).',
    );
  });
});
