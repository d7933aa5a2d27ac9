import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { UserError } from '../../shared/errors.ts';
import { kindFromSlug } from '../routes/kind-slugs.ts';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import {
  presentAssessment,
  presentEdition,
  presentIndicators,
  presentTerritory,
  presentTerritoryDetail,
} from './api-presenters.ts';
import { assessmentsQuery, searchQuery, territoriesQuery, territoryParams } from './api-schemas.ts';
import { editionApiRoutes } from './edition-api-routes.ts';
import { openApiDocument } from './openapi.ts';

/** /api/v1: read-only JSON; errors are turned into JSON by the app's error handler. */
export function apiRoutes(services: WebServices, version: string): Hono {
  const api = new Hono();
  api.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));

  api.get('/', (c) =>
    c.json({
      openapi: '/api/v1/openapi.json',
      endpoints: [
        '/api/v1/editions',
        '/api/v1/editions/{year}/aggregates',
        '/api/v1/editions/{year}/indicators',
        '/api/v1/territories',
        '/api/v1/search',
      ],
    }),
  );
  api.get('/openapi.json', (c) => c.json(openApiDocument(version)));

  api.get('/editions', async (c) => c.json({ data: (await services.listEditions()).map(presentEdition) }));

  api.route('/', editionApiRoutes(services));

  api.get('/territories', async (c) => {
    const query = validate(territoriesQuery, c.req.query());
    const page = await services.listAuthorities({
      kind: query.kind ? kindFromSlug(query.kind) : undefined,
      regionCode: query.region,
      departementCode: query.departement,
      page: query.page,
      perPage: query.per_page,
    });
    return c.json({
      data: page.items.map(presentTerritory),
      meta: { page: query.page, per_page: query.per_page, total: page.total },
    });
  });

  api.get('/territories/:kind/:code', async (c) => {
    const profile = await findProfile(services, c.req.param());
    return c.json({ data: presentTerritoryDetail(profile) });
  });

  api.get('/territories/:kind/:code/assessments', async (c) => {
    const profile = await findProfile(services, c.req.param());
    const edition = await findEdition(services, validate(assessmentsQuery, c.req.query()).edition);
    const { services: assessed, audit } = await services.authorityAssessments(edition.id, profile.id);
    return c.json({
      data: {
        edition: presentEdition(edition),
        territory: presentTerritoryDetail(profile),
        simulated: audit?.runOptions.simulated === true,
        assessments: assessed.map(presentAssessment),
      },
    });
  });

  api.get('/territories/:kind/:code/indicators', async (c) => {
    const profile = await findProfile(services, c.req.param());
    const edition = await findEdition(services, validate(assessmentsQuery, c.req.query()).edition);
    const found = await services.authorityIndicators(edition.year, profile.kind, profile.code);
    if (!found) {
      throw new UserError(
        'not_found',
        `Pas d’indicateurs pour ${profile.name} dans l’édition ${edition.year} : non calculés, ou collectivité hors du panel.`,
      );
    }
    return c.json({
      data: {
        edition: presentEdition(edition),
        territory: presentTerritoryDetail(profile),
        method_version: found.run.methodVersion,
        indicators: presentIndicators(found.indicators),
      },
    });
  });

  api.get('/search', async (c) => {
    const { q, limit } = validate(searchQuery, c.req.query());
    const hits = await services.search(q, limit);
    return c.json({
      data: hits.map((hit) => ({
        reason: hit.reason,
        ...(hit.postalCode ? { postal_code: hit.postalCode } : {}),
        territory: presentTerritory(hit.authority),
      })),
    });
  });

  return api;
}

/** The edition asked for, or the current one. */
async function findEdition(services: WebServices, year: number | undefined) {
  const edition =
    year === undefined
      ? await services.currentEdition()
      : (await services.listEditions()).find((e) => e.year === year);
  if (!edition)
    throw new UserError('not_found', year ? `L’édition ${year} n’existe pas.` : 'Aucune édition.');
  return edition;
}

async function findProfile(services: WebServices, params: Record<string, string>) {
  const { kind: slug, code } = validate(territoryParams, params);
  const kind = kindFromSlug(slug);
  const profile = kind ? await services.authorityProfile(kind, code.toUpperCase()) : undefined;
  if (!profile)
    throw new UserError('not_found', `Aucune collectivité de type ${slug} n’a le code « ${code} ».`);
  return profile;
}
