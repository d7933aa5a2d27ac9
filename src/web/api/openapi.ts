import { z } from 'zod';
import { apiError, assessmentsQuery, responses, searchQuery, territoriesQuery } from './api-schemas.ts';
import { aggregatesQuery, editionIndicatorsQuery, editionResponses } from './edition-api-schemas.ts';

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) },
});

function queryParameters(schema: z.ZodObject) {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input' }) as {
    properties: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(jsonSchema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: jsonSchema.required?.includes(name) ?? false,
    description: property.description,
    schema: property,
  }));
}

const pathParameters = [
  {
    name: 'kind',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: ['region', 'departement', 'collectivite-unique', 'epci', 'commune'] },
  },
  { name: 'code', in: 'path', required: true, schema: { type: 'string' } },
];

const yearParameter = {
  name: 'year',
  in: 'path',
  required: true,
  description: 'Année de l’édition',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
};

const errorResponses = {
  '400': { description: 'Paramètre invalide', content: json(apiError) },
  '404': { description: 'Ressource introuvable', content: json(apiError) },
};

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'API Baromètre',
      version,
      description:
        'Données ouvertes de Baromètre : éditions, collectivités et évaluations de leurs services en ligne. Lecture seule, JSON, CORS ouvert.',
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      '/editions': {
        get: {
          summary: 'Éditions, la plus récente d’abord',
          responses: { '200': { description: 'Éditions', content: json(responses.editions) } },
        },
      },
      '/editions/{year}/aggregates': {
        get: {
          summary:
            'Agrégats d’une édition par type de collectivité : distributions, classement des thématiques, corrélations',
          parameters: [yearParameter, ...queryParameters(aggregatesQuery)],
          responses: {
            '200': { description: 'Agrégats', content: json(editionResponses.aggregates) },
            ...errorResponses,
          },
        },
      },
      '/editions/{year}/indicators': {
        get: {
          summary: 'Indicateurs des collectivités d’un type dans une édition, filtrés, triés et paginés',
          parameters: [yearParameter, ...queryParameters(editionIndicatorsQuery)],
          responses: {
            '200': { description: 'Une page d’indicateurs', content: json(editionResponses.indicators) },
            ...errorResponses,
          },
        },
      },
      '/territories': {
        get: {
          summary: 'Collectivités, filtrées et paginées',
          parameters: queryParameters(territoriesQuery),
          responses: {
            '200': { description: 'Une page de collectivités', content: json(responses.territories) },
            ...errorResponses,
          },
        },
      },
      '/territories/{kind}/{code}': {
        get: {
          summary: 'Une collectivité',
          parameters: pathParameters,
          responses: {
            '200': { description: 'La collectivité', content: json(responses.territory) },
            ...errorResponses,
          },
        },
      },
      '/territories/{kind}/{code}/assessments': {
        get: {
          summary: 'Évaluations courantes des services d’une collectivité, avec leurs preuves',
          parameters: [...pathParameters, ...queryParameters(assessmentsQuery)],
          responses: {
            '200': { description: 'Évaluations', content: json(responses.assessments) },
            ...errorResponses,
          },
        },
      },
      '/territories/{kind}/{code}/indicators': {
        get: {
          summary: 'Indicateurs d’une collectivité : indice, rangs, niveaux, thématiques, portail, évolution',
          parameters: [...pathParameters, ...queryParameters(assessmentsQuery)],
          responses: {
            '200': { description: 'Indicateurs', content: json(responses.indicators) },
            ...errorResponses,
          },
        },
      },
      '/search': {
        get: {
          summary: 'Recherche par nom, code INSEE, SIREN ou code postal',
          parameters: queryParameters(searchQuery),
          responses: {
            '200': { description: 'Résultats', content: json(responses.search) },
            ...errorResponses,
          },
        },
      },
    },
  };
}
