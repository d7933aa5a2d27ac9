import type { Context } from 'hono';
import {
  canManageEditions,
  canPreviewEditions,
  canPublishEditions,
} from '../../accounts/authorization.rules.ts';
import type { EditionRow } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CrawlPage, WebsiteFixPage } from '../pages/admin-crawl.tsx';
import { EditionPage, EditionsPage, editionPath } from '../pages/admin-editions.tsx';
import { ComputePage, PreviewPage, PreviewsPage, PublicationPage } from '../pages/admin-publication.tsx';
import { AuthorityPage } from '../pages/authority.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { attempt, csrfOf, signedIn } from './back-office-forms.ts';
import { formFields } from './form-body.ts';
import { kindFromSlug } from './kind-slugs.ts';
import type { ChromeFor } from './page-routes.ts';
import { loadAuthorityView } from './page-views.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;

/** Edition management for administrators; the preview for the whole staff (docs/access-control.md). */
export function editionAdminRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const editionOf = async (c: Ctx): Promise<EditionRow> => {
    const year = Number(c.req.param('year'));
    const edition = (await services.listEditions()).find((e) => e.year === year);
    if (!edition) throw new UserError('not_found', 'Édition introuvable');
    return edition;
  };

  const editionsPage = async (c: Ctx, form: { errors: FieldError[]; year: string; referential: string }) =>
    render(
      c,
      EditionsPage({
        chrome: chromeFor(c),
        view: {
          editions: await services.listEditions(),
          referentialVersions: await services.editionAdmin.referentialVersions(),
          csrfToken: csrfOf(c),
          ...form,
        },
      }),
      form.errors.length ? 400 : 200,
    );

  const crawlPage = async (c: Ctx, edition: EditionRow, errors: FieldError[] = []) => {
    const state = await services.editionAdmin.crawlState(edition.year);
    const progress = await services.editionAdmin.crawlProgress(edition.id);
    return render(
      c,
      CrawlPage({
        chrome: chromeFor(c),
        view: {
          edition,
          progress,
          running: state.running,
          failure: state.failure,
          csrfToken: csrfOf(c),
          errors,
        },
      }),
      errors.length ? 409 : 200,
    );
  };

  const computed = async (year: number) => {
    const run = await services.indicatorRun(year);
    return run ? { computedAt: run.computedAt, authorities: run.authorities } : undefined;
  };

  const websiteTarget = async (c: Ctx) => {
    const kind = kindFromSlug(c.req.param('kind') ?? '');
    const profile = kind
      ? await services.authorityProfile(kind, (c.req.param('code') ?? '').toUpperCase())
      : undefined;
    if (!profile) throw new UserError('not_found', 'Collectivité introuvable');
    return profile;
  };

  return [
    adminRoute(
      'GET',
      '/admin/editions',
      canManageEditions,
      (c) => editionsPage(c, { errors: [], year: '', referential: '' }),
      'Éditions : création, collecte, calcul, publication',
    ),
    adminRoute('POST', '/admin/editions', canManageEditions, async (c) => {
      const field = await formFields(c);
      const form = { year: field('annee').trim(), referential: field('referentiel') };
      const year = Number(form.year);
      if (!/^\d{4}$/.test(form.year) || year < 2000 || year > 2100)
        return editionsPage(c, {
          ...form,
          errors: [{ field: 'annee', message: 'Saisissez une année sur quatre chiffres, par exemple 2027' }],
        });
      const created = await attempt('annee', () =>
        services.editionAdmin.create({ year, referentialVersion: form.referential }, signedIn(c).email),
      );
      if (!created.ok) return editionsPage(c, { ...form, errors: created.errors });
      return c.redirect(editionPath(year), 303);
    }),

    adminRoute('GET', '/admin/editions/:year', canManageEditions, async (c) => {
      const edition = await editionOf(c);
      const progress = await services.editionAdmin.crawlProgress(edition.id);
      const { running } = await services.editionAdmin.crawlState(edition.year);
      return render(
        c,
        EditionPage({
          chrome: chromeFor(c),
          view: {
            edition,
            csrfToken: csrfOf(c),
            crawl: progress && {
              running,
              sitesDone: progress.sitesDone,
              sitesTotal: progress.sitesTotal,
              pages: progress.pages,
            },
            indicators: await computed(edition.year),
          },
        }),
      );
    }),

    adminRoute('GET', '/admin/editions/:year/collecte', canManageEditions, async (c) =>
      crawlPage(c, await editionOf(c)),
    ),
    adminRoute('POST', '/admin/editions/:year/collecte', canManageEditions, async (c) => {
      const edition = await editionOf(c);
      const started = await attempt('collecte', () =>
        services.editionAdmin.startCrawl({ year: edition.year, actor: signedIn(c).email }),
      );
      if (!started.ok) return crawlPage(c, edition, started.errors);
      return c.redirect(`${editionPath(edition.year)}/collecte`, 303);
    }),

    adminRoute('GET', '/admin/editions/:year/site/:kind/:code', canManageEditions, async (c) => {
      const [edition, profile] = [await editionOf(c), await websiteTarget(c)];
      const view = {
        edition,
        authority: profile,
        currentUrl: profile.website?.url,
        url: profile.website?.url ?? '',
        csrfToken: csrfOf(c),
        errors: [],
      };
      return render(c, WebsiteFixPage({ chrome: chromeFor(c), view }));
    }),
    adminRoute('POST', '/admin/editions/:year/site/:kind/:code', canManageEditions, async (c) => {
      const [edition, profile] = [await editionOf(c), await websiteTarget(c)];
      const url = (await formFields(c))('url');
      const actor = signedIn(c).email;
      const done = await attempt('url', async () => {
        // Checked first: a frozen edition is not re-crawled, so its website is not changed either.
        if (edition.status === 'published')
          throw new UserError(
            'conflict',
            `L’édition ${edition.year} est publiée : elle n’est plus collectée.`,
          );
        await services.editionAdmin.correctWebsite({ authorityId: profile.id, url, actor, source: 'admin' });
        return services.editionAdmin.startCrawl({ year: edition.year, authorityIds: [profile.id], actor });
      });
      if (!done.ok) {
        const view = {
          edition,
          authority: profile,
          currentUrl: profile.website?.url,
          url,
          csrfToken: csrfOf(c),
          errors: done.errors,
        };
        return render(c, WebsiteFixPage({ chrome: chromeFor(c), view }), 400);
      }
      return c.redirect(`${editionPath(edition.year)}/collecte`, 303);
    }),

    adminRoute('GET', '/admin/editions/:year/calcul', canManageEditions, async (c) => {
      const edition = await editionOf(c);
      const view = {
        edition,
        computed: await computed(edition.year),
        summary: undefined,
        csrfToken: csrfOf(c),
        errors: [],
      };
      return render(c, ComputePage({ chrome: chromeFor(c), view }));
    }),
    adminRoute('POST', '/admin/editions/:year/calcul', canManageEditions, async (c) => {
      const edition = await editionOf(c);
      const result = await attempt('calcul', () =>
        services.editionAdmin.compute(edition.year, signedIn(c).email),
      );
      const view = {
        edition,
        computed: await computed(edition.year),
        summary: result.ok ? result.value : undefined,
        csrfToken: csrfOf(c),
        errors: result.ok ? [] : result.errors,
      };
      return render(c, ComputePage({ chrome: chromeFor(c), view }), result.ok ? 200 : 409);
    }),

    adminRoute('GET', '/admin/editions/:year/publication', canPublishEditions, async (c) => {
      const view = { edition: await editionOf(c), csrfToken: csrfOf(c), errors: [], result: undefined };
      return render(c, PublicationPage({ chrome: chromeFor(c), view }));
    }),
    adminRoute('POST', '/admin/editions/:year/publication', canPublishEditions, async (c) => {
      const edition = await editionOf(c);
      const page = (
        view: Omit<Parameters<typeof PublicationPage>[0]['view'], 'csrfToken'>,
        status: 200 | 400 | 409,
      ) =>
        render(c, PublicationPage({ chrome: chromeFor(c), view: { ...view, csrfToken: csrfOf(c) } }), status);
      if ((await formFields(c))('confirmation') !== 'oui')
        return page(
          {
            edition,
            result: undefined,
            errors: [{ field: 'confirmation', message: 'Cochez la case pour confirmer la publication' }],
          },
          400,
        );
      const published = await attempt('confirmation', () =>
        services.editionAdmin.publish(edition.year, signedIn(c).email),
      );
      if (!published.ok) return page({ edition, result: undefined, errors: published.errors }, 409);
      return page({ edition: published.value.edition, result: published.value, errors: [] }, 200);
    }),

    adminRoute(
      'GET',
      '/admin/apercu',
      canPreviewEditions,
      async (c) =>
        render(c, PreviewsPage({ chrome: chromeFor(c), view: { editions: await services.listEditions() } })),
      'Aperçu des éditions avant publication',
    ),
    adminRoute('GET', '/admin/editions/:year/apercu', canPreviewEditions, async (c) => {
      const edition = await editionOf(c);
      const rows = (await services.indicatorRun(edition.year))
        ? (await services.rankingPage({ editionId: edition.id, sort: 'indice', direction: 'desc' })).rows
        : undefined;
      return render(c, PreviewPage({ chrome: chromeFor(c), view: { edition, rows } }));
    }),
    adminRoute('GET', '/admin/editions/:year/apercu/:kind/:code', canPreviewEditions, async (c) => {
      const edition = await editionOf(c);
      const view = await loadAuthorityView(
        services,
        c.req.param('kind') ?? '',
        c.req.param('code') ?? '',
        edition,
      );
      return render(c, AuthorityPage({ chrome: chromeFor(c), view }));
    }),
  ];
}
