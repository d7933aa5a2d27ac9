import { Hono } from 'hono';
import { UserError } from '../../shared/errors.ts';
import { OpenDataPage } from '../pages/open-data.tsx';
import type { WebServices } from '../web-services.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

const notFound = () => new UserError('not_found', 'Fichier introuvable');

/** The year in a download's path, or a 404 for anything that is not one. */
function yearOf(text: string): number {
  if (!/^\d{4}$/.test(text)) throw notFound();
  return Number(text);
}

/**
 * The open-data page and its downloads, served by the app from the database as `barometre
 * export` would write them: CSV streamed batch by batch, Table Schemas, the Data Package.
 */
export function openDataRoutes(services: WebServices, chromeFor: ChromeFor): Hono {
  const routes = new Hono();

  routes.get('/donnees', async (c) => {
    const edition = await services.currentEdition();
    const [datasets, run, reports] = edition
      ? await Promise.all([
          services.openData.datasets(edition.year),
          services.latestAuditRun(edition.id),
          services.reports.files(edition.year),
        ])
      : [undefined, undefined, []];
    return render(
      c,
      OpenDataPage({
        chrome: chromeFor(c),
        view: { edition, datasets: datasets ?? [], simulated: run?.simulated === true, reports },
      }),
    );
  });

  routes.get('/donnees/:year/datapackage.json', async (c) => {
    const descriptor = await services.openData.dataPackage(yearOf(c.req.param('year')));
    if (!descriptor) throw notFound();
    return c.json(descriptor);
  });

  routes.get('/donnees/:year/:file', async (c) => {
    const year = yearOf(c.req.param('year'));
    const match = /^([a-z_]+)\.(csv|schema\.json)$/.exec(c.req.param('file'));
    if (!match) throw notFound();
    const [, table, extension] = match as unknown as [string, string, string];
    if (extension === 'schema.json') {
      const schema = await services.openData.schema(year, table);
      if (!schema) throw notFound();
      return c.json(schema);
    }
    const stream = await services.openData.csv(year, table);
    if (!stream) throw notFound();
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="barometre-${year}-${table}.csv"`);
    return c.body(stream);
  });

  return routes;
}
