import type { Context } from 'hono';
import type { FieldProblem } from '../../initiatives/initiative.rules.ts';
import { validateInitiative } from '../../initiatives/initiative.rules.ts';
import { UserError } from '../../shared/errors.ts';
import type { AuthorityProfile } from '../../territories/authority-profile.repository.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { suggestedDomains } from '../components/initiative-classification.tsx';
import {
  InitiativeFormPage,
  SubmittedInitiativePage,
  submittedInitiativePath,
} from '../pages/initiative-submission.tsx';
import type { GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { attempt, csrfOf, positiveInteger, signedIn } from './back-office-forms.ts';
import { formValues } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;
/** authority-space-routes' helper: a route of one authority's space, for those who may act for it. */
export type SpaceRoute = (
  method: GuardedRoute['method'],
  suffix: string,
  handler: (c: Ctx, authority: AuthorityProfile) => Promise<Response>,
) => GuardedRoute;

/** Form field ids of the rules' fields (the form speaks French). */
const FIELD_IDS: Record<FieldProblem['field'], string> = {
  title: 'titre',
  description: 'description',
  year: 'annee',
  url: 'adresse',
  // The form has no progress field: empty means completed, which never fails.
  progress: 'titre',
  contact: 'contact',
  domains: 'domaines',
};
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A representative signals an initiative of their authority: checked by the registry's rules
 * (each problem on its field), stored waiting for moderation with the classifier's proposal,
 * which the representative then sees with its confidence and deciding words.
 */
export function initiativeSubmissionRoutes(
  services: WebServices,
  chromeFor: ChromeFor,
  spaceRoute: SpaceRoute,
): GuardedRoute[] {
  const taxonomy = () => services.initiatives.taxonomy();
  const label = (key: string) => taxonomy().domains.find((d) => d.key === key)?.label ?? key;
  const formPage = (
    c: Ctx,
    authority: AuthorityProfile,
    values: Record<string, string>,
    suggested: readonly string[],
    errors: FieldError[],
  ) =>
    render(
      c,
      InitiativeFormPage({
        chrome: chromeFor(c),
        view: {
          authority,
          csrfToken: csrfOf(c),
          values,
          errors,
          suggested,
          domains: taxonomy().domains.map(({ key, label }) => ({ key, label })),
        },
      }),
      errors.length ? 400 : 200,
    );

  return [
    spaceRoute('GET', '/initiative', async (c, authority) => formPage(c, authority, {}, [], [])),
    spaceRoute('POST', '/initiative', async (c, authority) => {
      const form = await formValues(c);
      const values = {
        titre: form.field('titre'),
        description: form.field('description'),
        annee: form.field('annee'),
        adresse: form.field('adresse'),
        contact: form.field('contact'),
      };
      const suggested = form.list('domaines');
      const raw = {
        title: values.titre,
        description: values.description,
        year: values.annee,
        url: values.adresse,
        contact: values.contact,
      };
      // The registry's own rules, checked here first so that each problem lands on its field.
      const checked = validateInitiative(raw, new Date());
      if (!checked.ok) {
        const errors = checked.problems.map((p) => ({
          field: FIELD_IDS[p.field],
          message: capitalised(p.message),
        }));
        return formPage(c, authority, values, suggested, errors);
      }
      const done = await attempt('domaines', () =>
        services.initiativeAdmin.submit(
          { authorityId: authority.id, ...raw, suggestedDomains: suggested },
          signedIn(c).email,
        ),
      );
      if (!done.ok) {
        const errors = done.errors.map((e) => ({ ...e, field: 'domaines', message: capitalised(e.message) }));
        return formPage(c, authority, values, suggested, errors);
      }
      return c.redirect(`${submittedInitiativePath(authority, done.value.id)}?fait=envoi`, 303);
    }),

    spaceRoute('GET', '/initiatives/:id', async (c, authority) => {
      const initiative = await services.initiativeAdmin.detail(positiveInteger(c.req.param('id'), 'id'));
      // Another authority's initiative does not exist at this authority's address.
      if (initiative.authority.code !== authority.code || initiative.authority.kind !== authority.kind)
        throw new UserError('not_found', `Initiative n° ${initiative.id} introuvable.`);
      const proposal = initiative.classifications[0];
      return render(
        c,
        SubmittedInitiativePage({
          chrome: chromeFor(c),
          view: {
            authority,
            initiative,
            proposal,
            suggested: suggestedDomains(proposal),
            label,
            justSubmitted: c.req.query('fait') === 'envoi',
          },
        }),
      );
    }),
  ];
}
