import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { initiativesCsv, initiativesJson } from '../../initiatives/export/initiatives-export.ts';
import { initiativesXlsx } from '../../initiatives/export/initiatives-xlsx.ts';
import {
  domainCounts,
  filterRegistry,
  type RegistryFilter,
  SIZE_BANDS,
  yearsOf,
} from '../../initiatives/registry-view.rules.ts';
import { UserError } from '../../shared/errors.ts';
import { InitiativesPage, REGISTRY_PAGE_SIZE } from '../pages/initiatives.tsx';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

const empty = (value: unknown) => (value === '' ? undefined : value);

/** The registry's view as URL parameters (French names), shared by the page and its exports. */
const registryQuery = z.object({
  domaine: z.preprocess(empty, z.string().max(60).optional()),
  region: z.preprocess(
    empty,
    z
      .string()
      .regex(/^\d{2}$/, 'code de région à 2 chiffres attendu')
      .optional(),
  ),
  taille: z.preprocess(
    empty,
    z.enum(SIZE_BANDS.map((b) => b.key) as [string, ...string[]], { message: 'taille inconnue' }).optional(),
  ),
  annee: z.preprocess(empty, z.coerce.number().int('année entière attendue').min(2000).max(2100).optional()),
  page: z.preprocess(
    empty,
    z.coerce.number().int('nombre entier attendu').min(1, 'la page commence à 1').default(1),
  ),
});

/** The public registry of initiatives (issue « Initiatives »): browse, filter, chart, export. */
export function initiativeRoutes(services: WebServices, chromeFor: ChromeFor): Hono {
  const routes = new Hono();

  const load = async (c: Context) => {
    const query = validate(registryQuery, c.req.query());
    const taxonomy = services.initiatives.taxonomy();
    if (query.domaine !== undefined && !taxonomy.domains.some((d) => d.key === query.domaine)) {
      throw new UserError('input_invalid', 'Paramètres invalides', [
        { field: 'domaine', message: 'domaine inconnu' },
      ]);
    }
    const all = await services.initiatives.published();
    const filter: RegistryFilter = {
      ...(query.domaine ? { domain: query.domaine } : {}),
      ...(query.region ? { regionCode: query.region } : {}),
      ...(query.taille ? { size: query.taille as RegistryFilter['size'] } : {}),
      ...(query.annee ? { year: query.annee } : {}),
    };
    return { query, taxonomy, all, kept: filterRegistry(all, filter) };
  };

  routes.get('/initiatives', async (c) => {
    const { query, taxonomy, all, kept } = await load(c);
    const regions = await services.listAuthorities({ kind: 'region', page: 1, perPage: 100 });
    const start = (query.page - 1) * REGISTRY_PAGE_SIZE;
    return render(
      c,
      InitiativesPage({
        chrome: chromeFor(c),
        view: {
          query,
          total: all.length,
          kept: kept.length,
          entries: kept.slice(start, start + REGISTRY_PAGE_SIZE),
          counts: domainCounts(
            kept,
            taxonomy.domains.map((d) => d.key),
          ),
          domains: taxonomy.domains.map(({ key, label }) => ({ key, label })),
          regions: regions.items.map(({ code, name }) => ({ code, name })),
          years: yearsOf(all),
        },
      }),
    );
  });

  routes.get('/initiatives.csv', async (c) => {
    const { kept } = await load(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="initiatives.csv"');
    return c.body(initiativesCsv(kept));
  });

  routes.get('/initiatives.xlsx', async (c) => {
    const { kept } = await load(c);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', 'attachment; filename="initiatives.xlsx"');
    return c.body(new Uint8Array(await initiativesXlsx(kept)));
  });

  routes.get('/initiatives.json', async (c) => {
    const { kept, taxonomy } = await load(c);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="initiatives.json"');
    return c.body(initiativesJson(kept, taxonomy, new Date()));
  });

  return routes;
}
