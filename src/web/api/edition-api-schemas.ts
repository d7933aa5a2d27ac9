import { z } from 'zod';
import { CORRELATION_XS, CORRELATION_YS } from '../../indicators/aggregates.rules.ts';
import { RANKING_SORTS } from '../../indicators/ranking-sorts.ts';
import { edition, kindSlugSchema, pageMeta, territoriesQuery } from './api-schemas.ts';

/**
 * An edition's figures in the API: its aggregates per kind of authority (distributions, theme
 * ranking, correlations) and the list of its authorities' indicators. Validation and the OpenAPI
 * document both come from these schemas (api-schemas.ts says why).
 */

export const editionParams = z.object({
  year: z.coerce.number().int('année entière attendue').min(2000).max(2100).describe('Année de l’édition'),
});

export const aggregatesQuery = z.object({
  kind: kindSlugSchema.optional().describe('Un seul type de collectivité ; tous par défaut'),
});

export const editionIndicatorsQuery = territoriesQuery.extend({
  kind: kindSlugSchema.describe('Type de collectivité (les rangs se lisent par type)'),
  sort: z
    .enum(RANKING_SORTS, { message: `tri attendu parmi ${RANKING_SORTS.join(', ')}` })
    .default('indice')
    .describe('Colonne de tri'),
  order: z
    .enum(['asc', 'desc'], { message: 'ordre « asc » ou « desc » attendu' })
    .optional()
    .describe('Sens du tri ; décroissant pour l’indice, croissant pour le nom par défaut'),
});

const summary = z.object({
  n: z.number().int(),
  min: z.number(),
  q1: z.number(),
  median: z.number(),
  q3: z.number(),
  max: z.number(),
  iqr: z.number(),
  mean: z.number(),
});

const notComputable = z.object({
  status: z.literal('not_computable'),
  reason: z.string(),
  message: z.string().describe('En français, pour le lecteur'),
});

const correlation = z.union([
  z.object({
    status: z.literal('ok'),
    coefficient: z.number().min(-1).max(1),
    n: z.number().int(),
    dropped: z.number().int(),
    p_value: z.number(),
    ci95: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  }),
  notComputable,
]);

const regression = z.union([
  z.object({
    status: z.literal('ok'),
    slope: z.number(),
    intercept: z.number(),
    r_squared: z.number().nullable(),
    n: z.number().int(),
  }),
  notComputable,
]);

const kindAggregates = z.object({
  kind: kindSlugSchema,
  authorities: z.number().int(),
  with_website: z.number().int(),
  engaged: z.number().int().describe('Collectivités ayant au moins un service au niveau 2 ou plus'),
  end_to_end: z.object({
    summary,
    histogram: z.array(
      z.object({
        lower: z.number(),
        upper: z.number(),
        includes_upper: z.boolean(),
        count: z.number().int(),
      }),
    ),
    more_than: z.array(z.object({ threshold: z.number(), count: z.number().int() })),
    fewer_than: z.array(z.object({ threshold: z.number(), count: z.number().int() })),
  }),
  index: z.object({
    summary,
    best: z.array(z.object({ code: z.string(), name: z.string(), index: z.number() })),
  }),
  coverage: z.object({
    themes_applicable: z.number().int().nullable(),
    all: z.number().int(),
    all_but_one: z.number().int(),
    middle: z.number().int(),
    low: z.number().int(),
  }),
  themes: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        rank: z.number().int().describe('1 = thématique la plus numérisée'),
        authorities: z.number().int(),
        covering: z.number().int(),
        applicable: z.number().int(),
        digitalised: z.number().int(),
        end_to_end: z.number().int(),
        rate: z.number().min(0).max(1).describe('Services numérisés (niveau 2 ou plus) / applicables'),
      }),
    )
    .describe('Classement des thématiques'),
  portal: z.object({ mean: z.number().nullable(), n: z.number().int() }),
  correlations: z.array(
    z.object({
      x: z.enum(CORRELATION_XS as [string, ...string[]]),
      y: z.enum(CORRELATION_YS as [string, ...string[]]),
      pearson: correlation,
      spearman: correlation,
      regression,
    }),
  ),
});

const indicatorRow = z.object({
  kind: kindSlugSchema,
  code: z.string(),
  name: z.string(),
  region_code: z.string().nullable(),
  departement_code: z.string().nullable(),
  population: z.number().int().nullable(),
  peer_group: z.string().nullable(),
  index: z.number(),
  index_partial: z.boolean(),
  rank: z.number().int(),
  rank_total: z.number().int(),
  end_to_end: z.number().int(),
  themes_covered: z.number().int(),
  themes_applicable: z.number().int(),
  url: z.string().describe('Indicateurs détaillés de la collectivité dans l’API'),
});

export const editionResponses = {
  aggregates: z.object({
    data: z.object({ edition, method_version: z.string(), kinds: z.array(kindAggregates) }),
  }),
  indicators: z.object({ data: z.array(indicatorRow), meta: pageMeta.extend({ edition: z.number().int() }) }),
};
