import type { Context } from 'hono';
import { z } from 'zod';
import { canArbitrate, canReviewAssessments } from '../../accounts/authorization.rules.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { ArbitrationPage, type ArbitrationView } from '../pages/arbitration.tsx';
import { BlindReviewPage, type BlindReviewView, DoubleReviewListPage } from '../pages/double-review.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import { formFields } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';
import {
  formLevel,
  LEVEL_REQUIRED,
  readLevelForm,
  refusalOf,
  reviewEdition,
  reviewEditionById,
  reviewer,
} from './review-context.ts';
import { idParam, yearField } from './review-params.ts';

const BLIND_CANDIDATES_SHOWN = 100;
const listQuery = z.object({ edition: yearField, fait: z.string().optional() });

/**
 * Double review: a second analyst assesses blind (the crawler's proposal only), agreement is
 * reported as Cohen's κ per edition, and disagreements go to an arbiter who is neither analyst.
 */
export function doubleReviewRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const tripleOf = (c: Context<AppEnv>) => ({
    editionId: idParam(c.req.param('edition'), 'edition'),
    authorityId: idParam(c.req.param('authority'), 'collectivite'),
    serviceId: idParam(c.req.param('service'), 'service'),
  });

  async function renderBlind(
    c: Context<AppEnv>,
    form: BlindReviewView['form'],
    errors: FieldError[] = [],
    status: 200 | 400 | 404 | 409 = 200,
  ) {
    const triple = tripleOf(c);
    const edition = await reviewEditionById(services, triple.editionId);
    const task = await services.review.blindTask({ ...triple, reviewer: reviewer(c).user.email });
    return render(
      c,
      BlindReviewPage({
        chrome: chromeFor(c),
        view: { year: edition.year, task, csrfToken: reviewer(c).csrfToken, form, errors },
      }),
      status,
    );
  }

  async function renderArbitration(
    c: Context<AppEnv>,
    outcome: {
      failed?: ArbitrationView['failed'];
      errors: FieldError[];
      status: 200 | 400 | 404 | 409;
      done: boolean;
    },
  ) {
    const query = validate(listQuery, c.req.query());
    const { edition } = await reviewEdition(services, query.edition);
    const editions = [...(await services.listEditions())].sort((a, b) => b.year - a.year);
    const agreements = await Promise.all(
      editions.map(async (e) => ({ year: e.year, agreement: await services.review.agreement(e.id) })),
    );
    return render(
      c,
      ArbitrationPage({
        chrome: chromeFor(c),
        view: {
          year: edition.year,
          agreements,
          disagreements: await services.review.disagreements({ editionId: edition.id }),
          csrfToken: reviewer(c).csrfToken,
          ...outcome,
        },
      }),
      outcome.status,
    );
  }

  return [
    adminRoute(
      'GET',
      '/admin/double-revue',
      canReviewAssessments,
      async (c) => {
        const query = validate(listQuery, c.req.query());
        const { edition } = await reviewEdition(services, query.edition);
        const [agreement, candidates] = await Promise.all([
          services.review.agreement(edition.id),
          services.review.blindCandidates({
            editionId: edition.id,
            reviewer: reviewer(c).user.email,
            limit: BLIND_CANDIDATES_SHOWN,
          }),
        ]);
        return render(
          c,
          DoubleReviewListPage({
            chrome: chromeFor(c),
            view: { year: edition.year, agreement, candidates, done: query.fait === '1' },
          }),
        );
      },
      'Double revue à l’aveugle',
    ),

    adminRoute('GET', '/admin/double-revue/:edition/:authority/:service', canReviewAssessments, (c) =>
      renderBlind(c, {}),
    ),

    adminRoute(
      'POST',
      '/admin/double-revue/:edition/:authority/:service',
      canReviewAssessments,
      async (c) => {
        const triple = tripleOf(c);
        const { form, errors } = await readLevelForm(c);
        if (errors.length || form.level === undefined) return renderBlind(c, form, errors, 400);
        try {
          await services.review.submitBlind({
            ...triple,
            reviewer: reviewer(c).user.email,
            level: form.level,
            comment: form.comment,
            evidenceUrl: form.url || null,
          });
        } catch (error) {
          const refusal = refusalOf(error, 'niveau');
          return renderBlind(c, form, refusal.errors, refusal.status);
        }
        const edition = await reviewEditionById(services, triple.editionId);
        return c.redirect(`/admin/double-revue?edition=${edition.year}&fait=1`, 303);
      },
    ),

    adminRoute(
      'GET',
      '/admin/arbitrage',
      canArbitrate,
      (c) => renderArbitration(c, { errors: [], status: 200, done: c.req.query('fait') === '1' }),
      'Arbitrage des désaccords et accord entre analystes',
    ),

    adminRoute('POST', '/admin/arbitrage/:id', canArbitrate, async (c) => {
      const blindReviewId = idParam(c.req.param('id'), 'id');
      const field = await formFields(c);
      const failed = { blindReviewId, level: formLevel(field('niveau')), comment: field('motif') };
      const errors: FieldError[] = [];
      if (failed.level === undefined)
        errors.push({ field: `niveau-${blindReviewId}`, message: LEVEL_REQUIRED });
      if (!failed.comment.trim())
        errors.push({ field: `motif-${blindReviewId}`, message: 'Motivez l’arbitrage.' });
      if (errors.length || failed.level === undefined)
        return renderArbitration(c, { failed, errors, status: 400, done: false });
      try {
        await services.review.arbitrate({
          blindReviewId,
          arbiter: reviewer(c).user.email,
          level: failed.level,
          comment: failed.comment,
        });
      } catch (error) {
        const refusal = refusalOf(error, `niveau-${blindReviewId}`);
        return renderArbitration(c, { failed, errors: refusal.errors, status: refusal.status, done: false });
      }
      const { edition } = await reviewEdition(services, validate(listQuery, c.req.query()).edition);
      return c.redirect(`/admin/arbitrage?edition=${edition.year}&fait=1`, 303);
    }),
  ];
}
