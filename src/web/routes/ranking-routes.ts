import type { Context } from 'hono';
import { Hono } from 'hono';
import type { RankingFilter, RankingRow } from '../../indicators/queries/ranking-page.query.ts';
import { toCsv } from '../../shared/csv-write.ts';
import { UserError } from '../../shared/errors.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { RankingsPage, type RankingsView } from '../pages/rankings.tsx';
import type { WebServices } from '../web-services.ts';
import type { ChromeFor } from './page-routes.ts';
import { kindOfParams, parseRankingParams, type RankingParams } from './ranking-params.ts';
import { render } from './render.ts';

/** The rankings page and its CSV: the same filters and order, on screen by page, in the file whole. */
export function rankingRoutes(services: WebServices, chromeFor: ChromeFor): Hono {
  const routes = new Hono();

  routes.get('/classements', async (c) => {
    const view = await loadRankingsView(services, parseRankingParams(c.req.query()));
    return render(c, RankingsPage({ chrome: chromeFor(c), view }));
  });

  routes.get('/classements.csv', async (c: Context) => {
    const params = parseRankingParams(c.req.query());
    const edition = await services.currentEdition();
    if (!edition || !(await services.indicatorRun(edition.year))) throw notComputed();
    const { rows } = await services.rankingPage(filterOf(edition.id, params, false));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="classement-${edition.year}.csv"`);
    return c.body(rankingCsv(rows));
  });

  return routes;
}

const notComputed = () => new UserError('not_found', 'Classement introuvable');

function filterOf(editionId: number, params: RankingParams, paged: boolean): RankingFilter {
  const kind = kindOfParams(params);
  return {
    editionId,
    ...(kind ? { kind } : {}),
    ...(params.region ? { regionCode: params.region } : {}),
    ...(params.departement ? { departementCode: params.departement } : {}),
    ...(params.stratum ? { peerGroup: params.stratum } : {}),
    sort: params.sort,
    direction: params.direction,
    ...(paged ? { page: { number: params.page, size: params.perPage } } : {}),
  };
}

async function loadRankingsView(services: WebServices, params: RankingParams): Promise<RankingsView> {
  const edition = await services.currentEdition();
  const empty = { total: 0, rows: [] };
  const base = { edition, params, page: empty, regions: [], departements: [], simulated: false };
  if (!edition) return { ...base, computed: false };
  const [indicators, run, regions, departements] = await Promise.all([
    services.indicatorRun(edition.year),
    services.latestAuditRun(edition.id),
    services.listAuthorities({ kind: 'region', page: 1, perPage: 100 }),
    services.listAuthorities({ kind: 'departement', page: 1, perPage: 200 }),
  ]);
  const simulated = run?.simulated === true;
  if (!indicators) return { ...base, simulated, computed: false };
  const page = await services.rankingPage(filterOf(edition.id, params, true));
  // A page past the last one does not exist (the first page of an empty list does).
  if (page.rows.length === 0 && params.page > 1) throw new UserError('not_found', 'Page introuvable');
  return {
    ...base,
    simulated,
    computed: true,
    page,
    regions: regions.items.map(({ code, name }) => ({ code, name })),
    departements: departements.items.map(({ code, name }) => ({ code, name })),
  };
}

const RANKING_CSV_HEADERS = [
  'rang',
  'rang_sur',
  'categorie',
  'code',
  'nom',
  'code_region',
  'code_departement',
  'indice',
  'indice_partiel',
  'demarches_bout_en_bout',
  'thematiques_couvertes',
  'thematiques_applicables',
  'population',
  'strate',
];

/**
 * The view as a spreadsheet file (src/shared/csv-write.ts: « ; », BOM): the index takes a decimal
 * comma, which is what the French locale that reads « ; » as the separator expects.
 */
export function rankingCsv(rows: readonly RankingRow[]): string {
  return toCsv(
    RANKING_CSV_HEADERS,
    rows.map((r) => [
      r.rank,
      r.rankTotal,
      authorityKindName(r.kind),
      r.code,
      r.name,
      r.regionCode,
      r.departementCode,
      String(r.index).replace('.', ','),
      r.indexPartial ? 'oui' : 'non',
      r.endToEnd,
      r.themesCovered,
      r.themesApplicable,
      r.population,
      r.peerGroup,
    ]),
  );
}
