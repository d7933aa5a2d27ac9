import type { Context } from 'hono';
import { canActForAuthority, canEnterAuthoritySpace } from '../../accounts/authorization.rules.ts';
import { UserError } from '../../shared/errors.ts';
import type { AuthorityProfile } from '../../territories/authority-profile.repository.ts';
import type { FieldError } from '../components/error-summary.tsx';
import {
  AuthoritySpaceHome,
  AuthoritySpacePage,
  ContestFormPage,
  DeclarationPage,
  SpaceWebsitePage,
  spacePath,
} from '../pages/authority-space.tsx';
import { ForbiddenPage } from '../pages/error-pages.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { initiativeSubmissionRoutes } from './authority-initiative-routes.ts';
import { invitationsView, surveyInvitationRoutes } from './authority-survey-invitations.ts';
import { attempt, csrfOf, signedIn } from './back-office-forms.ts';
import { formFields } from './form-body.ts';
import { kindFromSlug } from './kind-slugs.ts';
import type { ChromeFor } from './page-routes.ts';
import { loadAuthorityView } from './page-views.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;
/** A form page of the space, with the values typed and the errors to show. */
type SpaceForm = (
  c: Ctx,
  authority: AuthorityProfile,
  values: Record<string, string>,
  errors: FieldError[],
) => Promise<Response>;
const BASE = '/admin/collectivite/:kind/:code';

const NOTICES: Record<string, string> = {
  site: 'Adresse du site enregistrée : elle servira à la prochaine collecte.',
  declaration: 'Déclaration envoyée : un analyste la vérifiera.',
  contestation: 'Contestation envoyée : un analyste la décidera.',
};

/**
 * An authority's space for its representatives (and administrators): every route resolves the
 * authority in its address, then asks canActForAuthority, so a representative of one authority
 * never reads or changes another's (403).
 */
/**
 * The authority named by the address (`:kind/:code`) if the signed-in person passes `rule` for it;
 * the 403 page otherwise. An unknown authority is a 404.
 */
export async function addressedAuthority(
  c: Ctx,
  services: WebServices,
  chromeFor: ChromeFor,
  rule: (user: ReturnType<typeof signedIn>, authorityId: number) => boolean,
): Promise<AuthorityProfile | Response> {
  const kind = kindFromSlug(c.req.param('kind') ?? '');
  const profile = kind
    ? await services.authorityProfile(kind, (c.req.param('code') ?? '').toUpperCase())
    : undefined;
  if (!profile) throw new UserError('not_found', 'Collectivité introuvable');
  if (!rule(signedIn(c), profile.id))
    return render(c, ForbiddenPage({ chrome: chromeFor(c), reason: 'role' }), 403);
  return profile;
}

export function authoritySpaceRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const authorityOf = (c: Ctx) => addressedAuthority(c, services, chromeFor, canActForAuthority);
  /** A route of one authority's space: its handler runs only for someone who may act for it. */
  const spaceRoute = (
    method: GuardedRoute['method'],
    suffix: string,
    handler: (c: Ctx, authority: AuthorityProfile) => Promise<Response>,
  ) =>
    adminRoute(method, `${BASE}${suffix}`, canEnterAuthoritySpace, async (c) => {
      const authority = await authorityOf(c);
      return authority instanceof Response ? authority : handler(c, authority);
    });
  const latestEdition = async () => (await services.listEditions())[0];
  const requireLatestEdition = async () => {
    const edition = await latestEdition();
    if (!edition) throw new UserError('not_found', 'Aucune édition en cours');
    return edition;
  };
  const form = (
    c: Ctx,
    authority: AuthorityProfile,
    values: Record<string, string>,
    errors: FieldError[],
  ) => ({
    authority,
    csrfToken: csrfOf(c),
    values,
    errors,
  });
  const status = (errors: FieldError[]) => (errors.length ? 400 : 200);

  const declarationPage: SpaceForm = async (c, authority, values, errors) => {
    const edition = await requireLatestEdition();
    const declarable = await services.authoritySpace.applicableServices(
      authority.id,
      edition.referential_version,
    );
    const view = { ...form(c, authority, values, errors), services: declarable };
    return render(c, DeclarationPage({ chrome: chromeFor(c), view }), status(errors));
  };

  const contestPage: SpaceForm = async (c, authority, values, errors) => {
    const edition = await requireLatestEdition();
    const { services: assessed } = await services.authorityAssessments(edition.id, authority.id);
    const view = { ...form(c, authority, values, errors), services: assessed };
    return render(c, ContestFormPage({ chrome: chromeFor(c), view }), status(errors));
  };

  const websitePage = (
    c: Ctx,
    authority: AuthorityProfile,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    render(
      c,
      SpaceWebsitePage({
        chrome: chromeFor(c),
        view: { ...form(c, authority, values, errors), current: authority.website?.url },
      }),
      status(errors),
    );

  return [
    adminRoute(
      'GET',
      '/admin/collectivite',
      canEnterAuthoritySpace,
      async (c) =>
        render(
          c,
          AuthoritySpaceHome({
            chrome: chromeFor(c),
            view: { authorities: await services.authoritySpace.authorities(signedIn(c).authorityIds) },
          }),
        ),
      'Espace collectivité : fiche, site, déclarations, contestations',
    ),

    spaceRoute('GET', '', async (c, authority) => {
      const edition = await latestEdition();
      const page = await loadAuthorityView(services, c.req.param('kind') ?? '', authority.code, edition);
      return render(
        c,
        AuthoritySpacePage({
          chrome: chromeFor(c),
          view: {
            authority,
            website: authority.website?.url,
            edition,
            simulated: page.audit?.runOptions.simulated === true,
            services: page.services,
            contests: edition ? await services.authoritySpace.contestsOf(edition.id, authority.id) : [],
            scorecard: page.scorecard,
            notice: NOTICES[c.req.query('fait') ?? ''],
            invitations: await invitationsView(services, c, authority.id),
          },
        }),
      );
    }),

    spaceRoute('GET', '/site', async (c, authority) => {
      return websitePage(c, authority, { url: authority.website?.url ?? '' }, []);
    }),
    spaceRoute('POST', '/site', async (c, authority) => {
      const url = (await formFields(c))('url');
      const done = await attempt('url', () =>
        services.editionAdmin.correctWebsite({
          authorityId: authority.id,
          url,
          actor: signedIn(c).email,
          source: 'authority',
        }),
      );
      if (!done.ok) return websitePage(c, authority, { url }, done.errors);
      return c.redirect(`${spacePath(authority)}?fait=site`, 303);
    }),

    spaceRoute('GET', '/declaration', async (c, authority) => {
      return declarationPage(c, authority, {}, []);
    }),
    spaceRoute('POST', '/declaration', async (c, authority) => {
      const field = await formFields(c);
      const values = {
        service: field('service'),
        niveau: field('niveau'),
        url: field('url'),
        commentaire: field('commentaire'),
      };
      const edition = await requireLatestEdition();
      const errors: FieldError[] = [];
      if (!values.url.trim())
        errors.push({ field: 'url', message: 'Donnez l’adresse de la page qui montre le service' });
      if (errors.length) return declarationPage(c, authority, values, errors);
      const done = await attempt('service', () =>
        services.authoritySpace.declare({
          editionId: edition.id,
          authorityId: authority.id,
          serviceId: Number(values.service),
          level: Number(values.niveau),
          evidenceUrl: values.url,
          comment: values.commentaire,
          declaredBy: signedIn(c).email,
        }),
      );
      if (!done.ok) return declarationPage(c, authority, values, done.errors);
      return c.redirect(`${spacePath(authority)}?fait=declaration`, 303);
    }),

    spaceRoute('GET', '/contestation', async (c, authority) => {
      return contestPage(c, authority, { evaluation: c.req.query('evaluation') ?? '' }, []);
    }),
    spaceRoute('POST', '/contestation', async (c, authority) => {
      const field = await formFields(c);
      const values = {
        evaluation: field('evaluation'),
        niveau: field('niveau'),
        justification: field('justification'),
      };
      if (!values.justification.trim())
        return contestPage(c, authority, values, [
          { field: 'justification', message: 'Expliquez ce qui est inexact, preuve à l’appui' },
        ]);
      const done = await attempt('evaluation', () =>
        services.authoritySpace.contest({
          authorityId: authority.id,
          assessmentId: Number(values.evaluation),
          justification: values.justification,
          requestedLevel: values.niveau === '' ? null : Number(values.niveau),
          contact: signedIn(c).email,
        }),
      );
      if (!done.ok) return contestPage(c, authority, values, done.errors);
      return c.redirect(`${spacePath(authority)}?fait=contestation`, 303);
    }),
    ...surveyInvitationRoutes(services, chromeFor),
    ...initiativeSubmissionRoutes(services, chromeFor, spaceRoute),
  ];
}
