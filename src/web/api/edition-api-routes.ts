import { Hono } from 'hono';
import { UserError } from '../../shared/errors.ts';
import { kindFromSlug } from '../routes/kind-slugs.ts';
import { DEFAULT_DIRECTION } from '../routes/ranking-params.ts';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import { presentEdition } from './api-presenters.ts';
import { presentKindAggregates, presentRankingRow } from './edition-api-presenters.ts';
import { aggregatesQuery, editionIndicatorsQuery, editionParams } from './edition-api-schemas.ts';

/** /api/v1/editions/{year}/…: an edition's aggregates and its authorities' indicators. */
export function editionApiRoutes(services: WebServices): Hono {
  const api = new Hono();

  api.get('/editions/:year/aggregates', async (c) => {
    const run = await computedRun(services, c.req.param());
    const { kind } = validate(aggregatesQuery, c.req.query());
    const wanted = kind ? kindFromSlug(kind) : undefined;
    return c.json({
      data: {
        edition: presentEdition(run.edition),
        method_version: run.methodVersion,
        kinds: run.aggregates.kinds.filter((k) => !wanted || k.kind === wanted).map(presentKindAggregates),
      },
    });
  });

  api.get('/editions/:year/indicators', async (c) => {
    const run = await computedRun(services, c.req.param());
    const query = validate(editionIndicatorsQuery, c.req.query());
    const kind = kindFromSlug(query.kind);
    const page = await services.rankingPage({
      editionId: run.edition.id,
      ...(kind ? { kind } : {}),
      ...(query.region ? { regionCode: query.region } : {}),
      ...(query.departement ? { departementCode: query.departement } : {}),
      sort: query.sort,
      direction: query.order ?? DEFAULT_DIRECTION[query.sort],
      page: { number: query.page, size: query.per_page },
    });
    return c.json({
      data: page.rows.map((row) => presentRankingRow(row, run.edition.year)),
      meta: { edition: run.edition.year, page: query.page, per_page: query.per_page, total: page.total },
    });
  });

  return api;
}

async function computedRun(services: WebServices, params: Record<string, string>) {
  const { year } = validate(editionParams, params);
  const run = await services.indicatorRun(year);
  if (!run) {
    throw new UserError(
      'not_found',
      `Pas d’indicateurs pour l’édition ${year} : édition inconnue ou non calculée.`,
    );
  }
  return run;
}
