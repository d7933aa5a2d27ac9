import type { Context } from 'hono';
import { z } from 'zod';
import { canReviewAssessments } from '../../accounts/authorization.rules.ts';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { ReviewAddPage, type ReviewAddView } from '../pages/review-add.tsx';
import { ReviewItemPage, type ReviewItemView } from '../pages/review-item.tsx';
import { ReviewQueuePage } from '../pages/review-queue.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import { formFields } from './form-body.ts';
import { kindFromSlug } from './kind-slugs.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';
import {
  readLevelForm,
  refusalOf,
  reviewEdition,
  reviewEditionById,
  reviewer,
  withoutCommandHints,
} from './review-context.ts';
import {
  CONFIDENCE_BANDS,
  idParam,
  parseQueueQuery,
  QUEUE_PAGE_SIZE,
  type QueueQuery,
  queueSearch,
  yearField,
} from './review-params.ts';

/** At most this many proposals confirmed by one post: a page of the queue, with room to spare. */
const MAX_BULK = 200;

/**
 * The review queue: crawler proposals filtered and paged, confirmed in bulk or one by one,
 * corrected, and services the crawler missed added. Every change goes through the review
 * service, which keeps who, when, before and after.
 */
export function reviewQueueRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  async function renderQueue(
    c: Context<AppEnv>,
    query: QueueQuery,
    outcome: { confirmed: number; errors: FieldError[]; status: 200 | 400 | 404 | 409 },
  ) {
    const { csrfToken } = reviewer(c);
    const { edition, years } = await reviewEdition(services, query.year);
    const themes = await services.themes(edition.referential_version);
    if (query.theme && !themes.some((t) => t.key === query.theme))
      throw new UserError('input_invalid', 'Thématique inconnue', [
        {
          field: 'theme',
          message: `« ${query.theme} » n’est pas une thématique de l’édition ${edition.year}`,
        },
      ]);
    const authority = query.authorityCode ? await authorityFilter(query) : undefined;
    const { total, items } = await services.review.queue({
      editionId: edition.id,
      ...(query.theme ? { themeKey: query.theme } : {}),
      ...(authority ? { authorityId: authority.id } : {}),
      ...(query.band ? CONFIDENCE_BANDS[query.band].filter : {}),
      ...(query.level !== undefined ? { levels: [query.level] } : {}),
      limit: QUEUE_PAGE_SIZE,
      offset: (query.page - 1) * QUEUE_PAGE_SIZE,
    });
    return render(
      c,
      ReviewQueuePage({
        chrome: chromeFor(c),
        view: {
          years,
          year: edition.year,
          published: edition.status === 'published',
          themes,
          query: { ...query, year: edition.year },
          total,
          items,
          pages: Math.ceil(total / QUEUE_PAGE_SIZE),
          csrfToken,
          confirmed: outcome.confirmed,
          errors: outcome.errors,
        },
      }),
      outcome.status,
    );
  }

  /** An authority code in a filter that names none (or several) is the filter's error, a 400. */
  async function authorityFilter(query: QueueQuery) {
    try {
      return await services.review.authorityByCode(query.authorityCode ?? '', query.kind);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError('input_invalid', 'Collectivité introuvable', [
        { field: 'collectivite', message: withoutCommandHints(error.message) },
      ]);
    }
  }

  async function renderItem(
    c: Context<AppEnv>,
    assessmentId: number,
    form: ReviewItemView['form'],
    errors: FieldError[] = [],
    status: 200 | 400 | 404 | 409 = 200,
  ) {
    const item = await services.review.item(assessmentId);
    if (!item) throw new UserError('not_found', `L’évaluation n° ${assessmentId} n’existe pas.`);
    const edition = await reviewEditionById(services, item.assessment.edition_id);
    return render(
      c,
      ReviewItemPage({
        chrome: chromeFor(c),
        view: {
          year: edition.year,
          ...item,
          csrfToken: reviewer(c).csrfToken,
          form,
          errors,
          queueHref: `/admin/revue?edition=${edition.year}`,
        },
      }),
      status,
    );
  }

  async function renderAdd(
    c: Context<AppEnv>,
    form: ReviewAddView['form'],
    errors: FieldError[] = [],
    status: 200 | 400 | 404 | 409 = 200,
  ) {
    const { edition } = await reviewEdition(
      services,
      validate(z.object({ edition: yearField }), c.req.query()).edition,
    );
    return render(
      c,
      ReviewAddPage({
        chrome: chromeFor(c),
        view: {
          year: edition.year,
          themes: await services.themes(edition.referential_version),
          csrfToken: reviewer(c).csrfToken,
          form,
          errors,
        },
      }),
      status,
    );
  }

  return [
    adminRoute(
      'GET',
      '/admin/revue',
      canReviewAssessments,
      (c) => {
        const confirmed = c.req.query('confirmees') ?? '';
        return renderQueue(c, parseQueueQuery(c.req.query()), {
          confirmed: /^\d{1,4}$/.test(confirmed) ? Number(confirmed) : 0,
          errors: [],
          status: 200,
        });
      },
      'File de revue des propositions du robot',
    ),

    adminRoute('POST', '/admin/revue/confirmer', canReviewAssessments, async (c) => {
      const { user } = reviewer(c);
      const query = parseQueueQuery(c.req.query());
      const raw = (await c.req.parseBody({ all: true })).evaluation;
      const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((value) =>
        idParam(typeof value === 'string' ? value : undefined, 'evaluation'),
      );
      if (ids.length === 0 || ids.length > MAX_BULK) {
        const message =
          ids.length === 0
            ? 'Cochez au moins une proposition à confirmer.'
            : `Confirmez au plus ${MAX_BULK} propositions à la fois.`;
        return renderQueue(c, query, {
          confirmed: 0,
          errors: [{ field: 'evaluation', message }],
          status: 400,
        });
      }
      // One transaction per proposal: a colleague's change to one refuses that one, not the others.
      let confirmed = 0;
      const errors: FieldError[] = [];
      for (const assessmentId of new Set(ids)) {
        try {
          await services.review.confirm({ assessmentId, reviewer: user.email });
          confirmed += 1;
        } catch (error) {
          const refusal = refusalOf(error, 'evaluation').errors[0];
          if (refusal)
            errors.push({ field: 'evaluation', message: `N° ${assessmentId} : ${refusal.message}` });
        }
      }
      if (errors.length) return renderQueue(c, query, { confirmed, errors, status: 409 });
      const search = queueSearch(query);
      return c.redirect(`/admin/revue${search}${search ? '&' : '?'}confirmees=${confirmed}`, 303);
    }),

    adminRoute('GET', '/admin/revue/evaluations/:id', canReviewAssessments, (c) =>
      renderItem(c, idParam(c.req.param('id'), 'id'), {}),
    ),

    adminRoute('POST', '/admin/revue/evaluations/:id/confirmer', canReviewAssessments, async (c) => {
      const assessmentId = idParam(c.req.param('id'), 'id');
      const field = await formFields(c);
      const comment = field('commentaire');
      try {
        const { assessment } = await services.review.confirm({
          assessmentId,
          reviewer: reviewer(c).user.email,
          comment,
        });
        const edition = await reviewEditionById(services, assessment.edition_id);
        return c.redirect(`/admin/revue?edition=${edition.year}&confirmees=1`, 303);
      } catch (error) {
        const { errors, status } = refusalOf(error, 'commentaire-confirmation');
        return renderItem(c, assessmentId, { confirmComment: comment }, errors, status);
      }
    }),

    adminRoute('POST', '/admin/revue/evaluations/:id/corriger', canReviewAssessments, async (c) => {
      const assessmentId = idParam(c.req.param('id'), 'id');
      const { form, errors } = await readLevelForm(c, 'Dites pourquoi le niveau change.');
      if (errors.length || form.level === undefined) return renderItem(c, assessmentId, form, errors, 400);
      try {
        const { assessment } = await services.review.correct({
          assessmentId,
          reviewer: reviewer(c).user.email,
          level: form.level,
          comment: form.comment,
          evidenceUrl: form.url || null,
        });
        return c.redirect(`/admin/revue/evaluations/${assessment.id}`, 303);
      } catch (error) {
        const refusal = refusalOf(error, 'niveau');
        return renderItem(c, assessmentId, form, refusal.errors, refusal.status);
      }
    }),

    adminRoute('GET', '/admin/revue/ajout', canReviewAssessments, (c) => renderAdd(c, {})),

    adminRoute('POST', '/admin/revue/ajout', canReviewAssessments, async (c) => {
      const { form: levelForm, errors: levelErrors, field } = await readLevelForm(c);
      const form = {
        ...levelForm,
        authorityCode: field('collectivite').trim().toUpperCase(),
        kind: field('categorie'),
        service: field('service'),
      };
      // In the order of the form's fields, as the error summary lists them.
      const errors: FieldError[] = [
        ...(/^[0-9A-Z]{1,15}$/.test(form.authorityCode)
          ? []
          : [
              {
                field: 'collectivite',
                message: 'Saisissez le code de la collectivité (INSEE, SIREN ou code unique).',
              },
            ]),
        ...(/^[a-zA-Z0-9_-]{1,80}$/.test(form.service)
          ? []
          : [{ field: 'service', message: 'Choisissez un service.' }]),
        ...levelErrors,
      ];
      if (errors.length || form.level === undefined) return renderAdd(c, form, errors, 400);
      const { edition } = await reviewEdition(
        services,
        validate(z.object({ edition: yearField }), c.req.query()).edition,
      );
      try {
        const authority = await services.review.authorityByCode(form.authorityCode, kindFromSlug(form.kind));
        const { assessment } = await services.review.addMissed({
          editionId: edition.id,
          authorityId: authority.id,
          serviceKey: form.service,
          reviewer: reviewer(c).user.email,
          level: form.level,
          evidenceUrl: form.url || null,
          comment: form.comment,
        });
        return c.redirect(`/admin/revue/evaluations/${assessment.id}`, 303);
      } catch (error) {
        const refusal = refusalOf(error, 'collectivite');
        return renderAdd(c, form, refusal.errors, refusal.status);
      }
    }),
  ];
}
