import type { Context, Handler } from 'hono';
import type { Actor } from '../../accounts/authorization.rules.ts';
import type { AppEnv } from './session.ts';

/** A pure authorisation rule from src/accounts/authorization.rules.ts. */
export type Rule = (user: Actor | null) => boolean;

/**
 * A back-office route: method, path, the rule it requires, the handler. Routes are declared as
 * data so that the route-table test reads the same rule the app enforces.
 */
export interface GuardedRoute {
  method: 'GET' | 'POST';
  path: string;
  rule: Rule;
  /** Label in the back-office home, for pages worth a link there. */
  link?: string;
  handler: Handler<AppEnv>;
}

export function adminRoute(
  method: GuardedRoute['method'],
  path: string,
  rule: Rule,
  handler: Handler<AppEnv>,
  link?: string,
): GuardedRoute {
  return { method, path, rule, handler, ...(link ? { link } : {}) };
}

/**
 * Enforces a route's rule before its handler: the public goes to the sign-in page (and comes back
 * after), a signed-in person whose role the rule refuses gets `forbidden` (403).
 */
export function guarded(route: GuardedRoute, forbidden: (c: Context<AppEnv>) => Response): Handler<AppEnv> {
  return (c, next) => {
    const user = c.get('user');
    if (!user) return c.redirect(`/connexion?retour=${encodeURIComponent(c.req.path)}`, 303);
    if (!route.rule(user)) return forbidden(c);
    return route.handler(c, next);
  };
}

/** Where to go after signing in: only a path of this site, never another origin ("//x", "/\x"). */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/admin';
}
