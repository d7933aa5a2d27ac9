import { AUTHORITY_KINDS } from '../../../db/schema.ts';
import { CORRELATION_XS, CORRELATION_YS } from '../../../indicators/aggregates.rules.ts';
import { editionIndicatorRun } from '../../../indicators/indicators.service.ts';
import { readCorrelation } from '../../../indicators/statistics/reading.ts';
import type { Field } from '../fields.ts';
import { type Dataset, indicatorsComputed } from './dataset.ts';

/**
 * The edition's aggregates as tables: the theme ranking and the correlations, per kind of
 * authority, exactly as the indicators run stored them (the site and the report read the same).
 */

const kindField: Field = {
  name: 'type_collectivite',
  title: 'Type de collectivité',
  type: 'string',
  description: 'Type des collectivités agrégées.',
  constraints: { required: true, enum: AUTHORITY_KINDS },
};

const integer = (name: string, title: string, description: string): Field => ({
  name,
  title,
  type: 'integer',
  description,
  constraints: { minimum: 0 },
});

export const themesDataset: Dataset = {
  name: 'thematiques',
  title: 'Classement des thématiques',
  description:
    'Par type de collectivité, chaque thématique avec son taux de services digitalisés, de la plus à la moins digitalisée.',
  primaryKey: ['type_collectivite', 'cle_thematique'],
  available: indicatorsComputed,
  fields: [
    kindField,
    integer(
      'rang',
      'Rang',
      'Rang de la thématique par taux de services digitalisés (1 = la plus digitalisée).',
    ),
    {
      name: 'cle_thematique',
      title: 'Clé de la thématique',
      type: 'string',
      description: 'Identifiant stable de la thématique.',
    },
    { name: 'thematique', title: 'Thématique', type: 'string', description: 'Nom de la thématique.' },
    integer(
      'collectivites',
      'Collectivités concernées',
      'Collectivités auxquelles la thématique s’applique.',
    ),
    integer(
      'collectivites_couvrant',
      'Collectivités la couvrant',
      'Collectivités ayant au moins un service de la thématique au niveau 2 ou plus.',
    ),
    integer(
      'services_applicables',
      'Services applicables',
      'Couples (collectivité, service) applicables dans la thématique.',
    ),
    integer('services_digitalises', 'Services digitalisés', 'Couples au niveau 2 ou plus.'),
    integer('services_bout_en_bout', 'Services de bout en bout', 'Couples au niveau 4.'),
    {
      name: 'taux_digitalises',
      title: 'Taux de services digitalisés',
      type: 'number',
      description: 'Services digitalisés divisés par services applicables (0 à 1).',
      constraints: { minimum: 0, maximum: 1 },
    },
  ],
  async *rows(db, edition) {
    const run = await editionIndicatorRun(db, edition.year);
    yield run.aggregates.kinds.flatMap((kind) =>
      kind.themes.map((theme) => ({
        type_collectivite: kind.kind,
        rang: theme.rank,
        cle_thematique: theme.key,
        thematique: theme.name,
        collectivites: theme.authorities,
        collectivites_couvrant: theme.covering,
        services_applicables: theme.applicable,
        services_digitalises: theme.digitalised,
        services_bout_en_bout: theme.endToEnd,
        taux_digitalises: theme.rate,
      })),
    );
  },
};

export const correlationsDataset: Dataset = {
  name: 'correlations',
  title: 'Corrélations',
  description:
    'Par type de collectivité, corrélations de Pearson et de Spearman entre la numérisation (services de bout en bout, indice) et la population, les recettes de fonctionnement et les recettes par habitant.',
  primaryKey: ['type_collectivite', 'variable_x', 'variable_y', 'methode'],
  available: indicatorsComputed,
  fields: [
    kindField,
    {
      name: 'variable_x',
      title: 'Variable explicative',
      type: 'string',
      description:
        'population, operating_revenue (recettes réelles de fonctionnement) ou revenue_per_inhabitant.',
      constraints: { required: true, enum: CORRELATION_XS },
    },
    {
      name: 'variable_y',
      title: 'Variable de numérisation',
      type: 'string',
      description: 'end_to_end (services de bout en bout) ou index (indice composite).',
      constraints: { required: true, enum: CORRELATION_YS },
    },
    {
      name: 'methode',
      title: 'Méthode',
      type: 'string',
      description: 'pearson (linéaire) ou spearman (sur les rangs).',
      constraints: { required: true, enum: ['pearson', 'spearman'] },
    },
    integer('n', 'Effectif', 'Collectivités dont les deux valeurs sont connues.'),
    {
      name: 'coefficient',
      title: 'Coefficient',
      type: 'number',
      description: 'r de Pearson ou ρ de Spearman, de −1 à 1 ; vide si non calculable.',
    },
    {
      name: 'p_valeur',
      title: 'p-valeur',
      type: 'number',
      description: 'p-valeur bilatérale du test de corrélation nulle.',
    },
    {
      name: 'ic95_bas',
      title: 'IC 95 % (borne basse)',
      type: 'number',
      description: 'Borne basse de l’intervalle de confiance à 95 % (z de Fisher).',
    },
    {
      name: 'ic95_haut',
      title: 'IC 95 % (borne haute)',
      type: 'number',
      description: 'Borne haute de l’intervalle de confiance à 95 % (z de Fisher).',
    },
    {
      name: 'lecture',
      title: 'Lecture',
      type: 'string',
      description:
        'Lecture en français (seuils dans docs/statistics.md), ou la raison pour laquelle le coefficient n’est pas calculable.',
    },
  ],
  async *rows(db, edition) {
    const run = await editionIndicatorRun(db, edition.year);
    yield run.aggregates.kinds.flatMap((kind) =>
      kind.correlations.flatMap((correlation) =>
        (['pearson', 'spearman'] as const).map((method) => {
          const result = correlation[method];
          const ok = result.status === 'ok';
          const reading = readCorrelation(result);
          return {
            type_collectivite: kind.kind,
            variable_x: correlation.x,
            variable_y: correlation.y,
            methode: method,
            n: ok ? result.n : null,
            coefficient: ok ? result.coefficient : null,
            p_valeur: ok ? result.pValue : null,
            ic95_bas: ok ? (result.ci95?.lower ?? null) : null,
            ic95_haut: ok ? (result.ci95?.upper ?? null) : null,
            lecture: reading
              ? `${reading.description}, ${reading.significance}`
              : result.status === 'ok'
                ? null
                : result.message,
          };
        }),
      ),
    );
  },
};
