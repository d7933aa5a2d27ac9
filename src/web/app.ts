import { type Context, Hono } from 'hono';
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
import type { PageCache } from './middleware/page-cache.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders, type TlsSettings } from './middleware/security-headers.ts';
import { BadRequestPage, ForbiddenPage, NotFoundPage, ServerErrorPage } from './pages/error-pages.tsx';
import { accountRoutes } from './routes/account-routes.ts';
import { adminRoutes, adminRouteTable } from './routes/admin-routes.ts';
import { initiativeRoutes } from './routes/initiative-routes.ts';
import { openDataRoutes } from './routes/open-data-routes.ts';
import { pageRoutes } from './routes/page-routes.ts';
import { rankingRoutes } from './routes/ranking-routes.ts';
import { render } from './routes/render.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { surveyRoutes } from './routes/survey-routes.ts';
import { csrfProtection } from './session/csrf.ts';
import { type AppEnv, sessionMiddleware } from './session/session.ts';
import type { WebServices } from './web-services.ts';

export interface WebAppOptions {
  services: WebServices;
  stylesheet: Stylesheet;
  logger: Logger;
  tls: TlsSettings;
  /** Origin of links sent by e-mail (config publicUrl); the request's origin when unset. */
  publicUrl?: string;
  version: string;
  /**
   * Extra sections (rankings, themes) from the indicator pages, which plug in here with their
   * routes once src/indicators publishes scores; none until then, and no link to them.
   */
  sections?: readonly { nav: NavItem; routes: Hono }[];
  /** Anonymous public pages kept per data stamp (src/web/middleware/page-cache.ts); none in tests. */
  pageCache?: PageCache;
}

/** The public site and API. Built by src/main/web.ts; tests call app.request() on it. */
export function createWebApp(options: WebAppOptions): Hono<AppEnv> {
  const sections = options.sections ?? [];
  const navigation = [...BASE_NAVIGATION, ...sections.map((s) => s.nav)];
  const chromeFor = (c: Context): PageChrome => {
    // Unset when the session middleware itself failed (the 500 page).
    const user = (c as Context<AppEnv>).get('user');
    const csrfToken = (c as Context<AppEnv>).get('sessionCsrf');
    return {
      stylesheetHref: options.stylesheet.href,
      navigation,
      path: c.req.path,
      account: user && csrfToken ? { name: user.name, csrfToken } : null,
    };
  };
  const forbidden = (reason: 'role' | 'csrf') => (c: Context) =>
    render(c, ForbiddenPage({ chrome: chromeFor(c), reason }), 403);

  const app = new Hono<AppEnv>();
  app.use('*', requestLog(options.logger));
  app.use('*', securityHeaders(options.tls));
  if (options.pageCache) app.use('*', options.pageCache.middleware);
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

  // Assets and the health check above answer without a session; everything below has one.
  app.use('*', sessionMiddleware(options.services.accounts, options.tls));
  app.use('*', csrfProtection(forbidden('csrf')));

  app.route('/api/v1', apiRoutes(options.services, options.version));
  app.route('/', pageRoutes(options.services, chromeFor));
  app.route('/', rankingRoutes(options.services, chromeFor));
  app.route('/', openDataRoutes(options.services, chromeFor));
  app.route('/', reportRoutes(options.services));
  app.route('/', initiativeRoutes(options.services, chromeFor));
  app.route(
    '/',
    accountRoutes({
      accounts: options.services.accounts,
      chromeFor,
      tls: options.tls,
      publicUrl: options.publicUrl,
    }),
  );
  app.route('/', adminRoutes(adminRouteTable(options.services, chromeFor), forbidden('role')));
  app.route('/', surveyRoutes({ services: options.services, chromeFor, tls: options.tls }));
  for (const section of sections) app.route('/', section.routes);

  app.notFound((c) => {
    if (isApi(c.req.path))
      return c.json({ error: { code: 'not_found', message: 'Ressource introuvable' } }, 404);
    return render(c, NotFoundPage({ chrome: chromeFor(c) }), 404);
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
      if (status === 404) return render(c, NotFoundPage({ chrome: chromeFor(c) }), 404);
      const detail = error.problems.map((p) => `${p.field ?? ''} : ${p.message}`).join(' ; ');
      return render(c, BadRequestPage({ chrome: chromeFor(c), message: detail || error.message }), 400);
    }
    const requestId = c.get('requestId') ?? 'inconnue';
    options.logger.error('unhandled error', { requestId, path: c.req.path, error });
    if (api)
      return c.json(
        { error: { code: 'internal_error', message: 'Erreur interne', request_id: requestId } },
        500,
      );
    return render(c, ServerErrorPage({ chrome: chromeFor(c), requestId }), 500);
  });

  return app;
}

const isApi = (path: string) => path === '/api/v1' || path.startsWith('/api/v1/');
