import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { UserError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { apiRoutes } from './api/api-routes.ts';
import { FAVICON_SVG } from './assets/favicon.ts';
import type { Stylesheet } from './assets/stylesheet.ts';
import type { PageChrome } from './layout/layout.tsx';
import { BASE_NAVIGATION, type NavItem } from './layout/navigation.ts';
import { IMMUTABLE, revalidateByDefault } from './middleware/cache.ts';
import { type RequestVariables, requestLog } from './middleware/request-log.ts';
import { securityHeaders, type TlsSettings } from './middleware/security-headers.ts';
import { BadRequestPage, NotFoundPage, ServerErrorPage } from './pages/error-pages.tsx';
import { pageRoutes } from './routes/page-routes.ts';
import { render } from './routes/render.ts';
import type { WebServices } from './web-services.ts';

export interface WebAppOptions {
  services: WebServices;
  stylesheet: Stylesheet;
  logger: Logger;
  tls: TlsSettings;
  version: string;
  /**
   * Extra sections (rankings, themes) from the indicator pages, which plug in here with their
   * routes once src/indicators publishes scores; none until then, and no link to them.
   */
  sections?: readonly { nav: NavItem; routes: Hono }[];
}

/** The public site and API. Built by src/main/web.ts; tests call app.request() on it. */
export function createWebApp(options: WebAppOptions): Hono<{ Variables: RequestVariables }> {
  const sections = options.sections ?? [];
  const navigation = [...BASE_NAVIGATION, ...sections.map((s) => s.nav)];
  const chromeFor = (path: string): PageChrome => ({
    stylesheetHref: options.stylesheet.href,
    navigation,
    path,
  });

  const app = new Hono<{ Variables: RequestVariables }>();
  app.use('*', requestLog(options.logger));
  app.use('*', securityHeaders(options.tls));
  app.use('*', compress());
  app.use('*', revalidateByDefault());
  app.use('*', etag());

  app.get(options.stylesheet.href, (c) => {
    c.header('Cache-Control', IMMUTABLE);
    return c.body(options.stylesheet.css, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/sante', (c) => c.json({ status: 'ok' }));

  app.route('/api/v1', apiRoutes(options.services, options.version));
  app.route('/', pageRoutes(options.services, chromeFor));
  for (const section of sections) app.route('/', section.routes);

  app.notFound((c) => {
    if (isApi(c.req.path))
      return c.json({ error: { code: 'not_found', message: 'Ressource introuvable' } }, 404);
    return render(c, NotFoundPage({ chrome: chromeFor(c.req.path) }), 404);
  });

  // Expected failures become their HTTP answer here, and only here; anything else is a 500.
  app.onError((error, c) => {
    const api = isApi(c.req.path);
    if (error instanceof UserError && (error.code === 'not_found' || error.code === 'input_invalid')) {
      const status = error.code === 'not_found' ? 404 : 400;
      if (api) {
        return c.json(
          {
            error: {
              code: error.code,
              message: error.message,
              ...(error.problems.length ? { problems: error.problems } : {}),
            },
          },
          status,
        );
      }
      if (status === 404) return render(c, NotFoundPage({ chrome: chromeFor(c.req.path) }), 404);
      const detail = error.problems.map((p) => `${p.field ?? ''} : ${p.message}`).join(' ; ');
      return render(
        c,
        BadRequestPage({ chrome: chromeFor(c.req.path), message: detail || error.message }),
        400,
      );
    }
    const requestId = c.get('requestId') ?? 'inconnue';
    options.logger.error('unhandled error', { requestId, path: c.req.path, error });
    if (api)
      return c.json(
        { error: { code: 'internal_error', message: 'Erreur interne', request_id: requestId } },
        500,
      );
    return render(c, ServerErrorPage({ chrome: chromeFor(c.req.path), requestId }), 500);
  });

  return app;
}

const isApi = (path: string) => path === '/api/v1' || path.startsWith('/api/v1/');
