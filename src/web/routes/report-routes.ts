import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { UserError } from '../../shared/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../middleware/security-headers.ts';
import type { WebServices } from '../web-services.ts';

const notFound = (year: string) =>
  new UserError(
    'not_found',
    `Le rapport de l’édition ${year} n’a pas été produit (« barometre report --edition ${year} »).`,
  );

/**
 * An edition's report as `barometre report` wrote it: /rapport/2026 (HTML, read in the browser)
 * and /rapport/2026.pdf. Produced offline, served as files (src/reports/report/report-files.ts).
 */
export function reportRoutes(services: WebServices): Hono {
  const routes = new Hono();
  routes.get('/rapport/:file', async (c) => {
    const match = /^(\d{4})(\.pdf)?$/.exec(c.req.param('file'));
    if (!match) throw new UserError('not_found', 'Rapport introuvable');
    const [, yearText, pdf] = match as unknown as [string, string, string | undefined];
    const format = pdf ? 'pdf' : 'html';
    const content = await services.reports.read(Number(yearText), format);
    if (!content) throw notFound(yearText);
    if (format === 'pdf') {
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="barometre-${yearText}.pdf"`);
      return c.body(new Uint8Array(content));
    }
    const html = content.toString('utf8');
    c.header('Content-Security-Policy', reportPolicy(html));
    return c.html(html);
  });
  return routes;
}

/**
 * The site's policy, with the report's own inline stylesheets allowed by their SHA-256 (the
 * report is one self-contained file, so that it also reads offline): nothing else inline is.
 */
export function reportPolicy(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) =>
      `'sha256-${createHash('sha256')
        .update(css ?? '')
        .digest('base64')}'`,
  );
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", ["style-src 'self'", ...hashes].join(' '));
}
