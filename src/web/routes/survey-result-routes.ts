import { Hono } from 'hono';
import { SurveyResultsPage, type SurveyResultsView } from '../pages/survey-results.tsx';
import type { AppEnv } from '../session/session.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

/** What the public results pages ask of the surveys domain. */
export interface WebSurveyResults {
  /** The campaign's analysis, or undefined when there is no such campaign. */
  view(slug: string): Promise<SurveyResultsView | undefined>;
  /** The anonymised responses file, or undefined when there is no such campaign. */
  csv(slug: string): Promise<string | undefined>;
  /** The same responses as an XLSX workbook, or undefined when there is no such campaign. */
  xlsx(slug: string): Promise<Uint8Array<ArrayBuffer> | undefined>;
}

/** Public results, /enquetes/{slug}, and their anonymised responses (CSV, XLSX). */
export function surveyResultRoutes(results: WebSurveyResults, chromeFor: ChromeFor): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/enquetes/:slug', async (c) => {
    const view = await results.view(c.req.param('slug'));
    if (!view) return c.notFound();
    return render(c, SurveyResultsPage({ chrome: chromeFor(c), view }));
  });
  routes.get('/enquetes/:slug/reponses.csv', async (c) => {
    const slug = c.req.param('slug');
    const csv = await results.csv(slug);
    if (csv === undefined) return c.notFound();
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug}-reponses.csv"`,
    });
  });
  routes.get('/enquetes/:slug/reponses.xlsx', async (c) => {
    const slug = c.req.param('slug');
    const workbook = await results.xlsx(slug);
    if (workbook === undefined) return c.notFound();
    return c.body(workbook, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${slug}-reponses.xlsx"`,
    });
  });
  return routes;
}
