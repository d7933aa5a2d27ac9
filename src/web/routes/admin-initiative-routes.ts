import type { Context } from 'hono';
import { canModerateInitiatives } from '../../accounts/authorization.rules.ts';
import type { FieldError } from '../components/error-summary.tsx';
import {
  MODERATION_PATH,
  ModerationItemPage,
  ModerationQueuePage,
  moderationItemPath,
} from '../pages/initiative-moderation.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { attempt, csrfOf, positiveInteger, signedIn } from './back-office-forms.ts';
import { formValues } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;

const NOTICES: Record<string, string> = {
  publiee: 'Initiative publiée : elle figure dans le registre public.',
  refusee: 'Initiative refusée : le motif est montré à la collectivité.',
  domaines: 'Domaines corrigés : l’ancien classement reste dans l’historique.',
};

/**
 * Moderation of submitted initiatives by analysts and administrators: the queue, one
 * initiative with its classification history, publish or reject (with a reason), correct the
 * domains. Each change is logged by the registry's service that makes it.
 */
export function initiativeModerationRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const taxonomy = () => services.initiatives.taxonomy();
  const label = (key: string) => taxonomy().domains.find((d) => d.key === key)?.label ?? key;
  const idOf = (c: Ctx) => positiveInteger(c.req.param('id'), 'id');
  const itemPage = async (
    c: Ctx,
    id: number,
    values: { raison?: string; commentaire?: string; domaines?: string[] },
    errors: FieldError[],
    notice?: string,
  ) =>
    render(
      c,
      ModerationItemPage({
        chrome: chromeFor(c),
        view: {
          initiative: await services.initiativeAdmin.detail(id),
          label,
          domains: taxonomy().domains.map(({ key, label }) => ({ key, label })),
          csrfToken: csrfOf(c),
          values,
          errors,
          notice,
        },
      }),
      errors.length ? 400 : 200,
    );

  return [
    adminRoute(
      'GET',
      MODERATION_PATH,
      canModerateInitiatives,
      async (c) =>
        render(
          c,
          ModerationQueuePage({
            chrome: chromeFor(c),
            view: {
              pending: await services.initiativeAdmin.pending(),
              label,
              notice: NOTICES[c.req.query('fait') ?? ''],
            },
          }),
        ),
      'Initiatives à modérer',
    ),
    adminRoute('GET', `${MODERATION_PATH}/:id`, canModerateInitiatives, async (c) =>
      itemPage(c, idOf(c), {}, [], NOTICES[c.req.query('fait') ?? '']),
    ),
    adminRoute('POST', `${MODERATION_PATH}/:id/moderation`, canModerateInitiatives, async (c) => {
      const id = idOf(c);
      const form = await formValues(c);
      const decision = form.field('decision');
      const raison = form.field('raison');
      if (decision !== 'published' && decision !== 'rejected')
        return itemPage(c, id, { raison }, [
          { field: 'raison', message: 'Choisissez de publier ou de refuser' },
        ]);
      if (decision === 'rejected' && !raison.trim())
        return itemPage(c, id, { raison }, [
          { field: 'raison', message: 'Motivez le refus : le motif est montré à la collectivité' },
        ]);
      const done = await attempt('raison', () =>
        services.initiativeAdmin.moderate({ id, decision, reason: raison }, signedIn(c).email),
      );
      if (!done.ok) return itemPage(c, id, { raison }, done.errors);
      return c.redirect(`${MODERATION_PATH}?fait=${decision === 'published' ? 'publiee' : 'refusee'}`, 303);
    }),
    adminRoute('POST', `${MODERATION_PATH}/:id/domaines`, canModerateInitiatives, async (c) => {
      const id = idOf(c);
      const form = await formValues(c);
      const values = { domaines: form.list('domaines'), commentaire: form.field('commentaire') };
      const errors: FieldError[] = [];
      if (!values.domaines.length) errors.push({ field: 'domaines', message: 'Cochez au moins un domaine' });
      if (!values.commentaire.trim())
        errors.push({ field: 'commentaire', message: 'Motivez la correction des domaines' });
      if (errors.length) return itemPage(c, id, values, errors);
      const done = await attempt('domaines', () =>
        services.initiativeAdmin.overrideDomains(
          { id, domains: values.domaines, comment: values.commentaire },
          signedIn(c).email,
        ),
      );
      if (!done.ok) return itemPage(c, id, values, done.errors);
      return c.redirect(`${moderationItemPath(id)}?fait=domaines`, 303);
    }),
  ];
}
