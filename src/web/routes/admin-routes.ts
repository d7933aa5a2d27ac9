import { Hono } from 'hono';
import { canEnterBackOffice } from '../../accounts/authorization.rules.ts';
import { AdminHomePage } from '../pages/admin-home.tsx';
import { adminRoute, type GuardedRoute, guarded } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { contestRoutes } from './admin-contest-routes.ts';
import { doubleReviewRoutes } from './admin-double-review-routes.ts';
import { editionAdminRoutes } from './admin-edition-routes.ts';
import { initiativeModerationRoutes } from './admin-initiative-routes.ts';
import { auditLogRoutes } from './admin-journal-routes.ts';
import { reviewQueueRoutes } from './admin-review-routes.ts';
import { surveyAdminRoutes } from './admin-survey-routes.ts';
import { userAdminRoutes } from './admin-user-routes.ts';
import { authoritySpaceRoutes } from './authority-space-routes.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

/**
 * Every back-office route with the rule it requires, in one table: the app registers these and
 * nothing else under /admin, and the route-table test checks each against each role.
 */
export function adminRouteTable(services: WebServices, chromeFor: ChromeFor): readonly GuardedRoute[] {
  const table: GuardedRoute[] = [
    adminRoute('GET', '/admin', canEnterBackOffice, (c) => {
      const user = c.get('user');
      if (!user) throw new Error('guarded route reached without a user');
      const links = table
        .filter((route) => route.link && route.method === 'GET' && route.rule(user))
        .map((route) => ({ href: route.path, label: route.link as string }));
      return render(c, AdminHomePage({ chrome: chromeFor(c), view: { user, links } }));
    }),

    // Each back-office area contributes its routes from its own file.
    ...auditLogRoutes(services.accounts, chromeFor),
    ...reviewQueueRoutes(services, chromeFor),
    ...doubleReviewRoutes(services, chromeFor),
    ...contestRoutes(services, chromeFor),
    ...editionAdminRoutes(services, chromeFor),
    ...authoritySpaceRoutes(services, chromeFor),
    ...userAdminRoutes(services, chromeFor),
    ...surveyAdminRoutes(services, chromeFor),
    ...initiativeModerationRoutes(services, chromeFor),
  ];
  return table;
}

/** The back office under /admin, each route behind its rule. */
export function adminRoutes(
  table: readonly GuardedRoute[],
  forbidden: Parameters<typeof guarded>[1],
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const route of table) routes.on(route.method, route.path, guarded(route, forbidden));
  return routes;
}
