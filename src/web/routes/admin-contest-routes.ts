import type { Context } from 'hono';
import { z } from 'zod';
import { canDecideContests } from '../../accounts/authorization.rules.ts';
import type { ContestStatus } from '../../db/schema.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { ContestsPage, type ContestsView } from '../pages/contests.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import { validate } from '../validate.ts';
import type { WebServices } from '../web-services.ts';
import { formFields } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';
import { formLevel, refusalOf, reviewEdition, reviewer } from './review-context.ts';
import { idParam, yearField } from './review-params.ts';

const listQuery = z.object({
  edition: yearField,
  statut: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(['open', 'accepted', 'rejected'], {
        message: 'statut « open », « accepted » ou « rejected » attendu',
      })
      .optional(),
  ),
  fait: z.string().optional(),
});

/** Authorities' contests: the list with their justification, and the decision recorded by the contests service. */
export function contestRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  async function renderContests(
    c: Context<AppEnv>,
    outcome: { failed?: ContestsView['failed']; errors: FieldError[]; status: 200 | 400 | 404 | 409 },
  ) {
    const query = validate(listQuery, c.req.query());
    const { edition } = await reviewEdition(services, query.edition);
    const status: ContestStatus | undefined = query.statut;
    return render(
      c,
      ContestsPage({
        chrome: chromeFor(c),
        view: {
          year: edition.year,
          status,
          contests: await services.review.contests({ editionId: edition.id, ...(status ? { status } : {}) }),
          csrfToken: reviewer(c).csrfToken,
          done: query.fait === '1',
          errors: outcome.errors,
          ...(outcome.failed ? { failed: outcome.failed } : {}),
        },
      }),
      outcome.status,
    );
  }

  return [
    adminRoute(
      'GET',
      '/admin/contestations',
      canDecideContests,
      (c) => renderContests(c, { errors: [], status: 200 }),
      'Contestations des collectivités',
    ),

    adminRoute('POST', '/admin/contestations/:id', canDecideContests, async (c) => {
      const contestId = idParam(c.req.param('id'), 'id');
      const field = await formFields(c);
      const failed = {
        contestId,
        decision: field('decision'),
        level: formLevel(field('niveau')),
        text: field('motif'),
      };
      const errors: FieldError[] = [];
      if (failed.decision !== 'accepted' && failed.decision !== 'rejected')
        errors.push({
          field: `decision-${contestId}`,
          message: 'Choisissez d’accepter ou de rejeter la contestation.',
        });
      if (failed.decision === 'accepted' && failed.level === undefined)
        errors.push({
          field: `niveau-${contestId}`,
          message: 'Une contestation acceptée donne le nouveau niveau, de 0 à 4.',
        });
      if (!failed.text.trim()) errors.push({ field: `motif-${contestId}`, message: 'Motivez la décision.' });
      if (errors.length) return renderContests(c, { failed, errors, status: 400 });
      try {
        await services.review.decideContest({
          contestId,
          decision: failed.decision === 'accepted' ? 'accepted' : 'rejected',
          decisionText: failed.text,
          decider: reviewer(c).user.email,
          level: failed.decision === 'accepted' ? failed.level : null,
        });
      } catch (error) {
        const refusal = refusalOf(error, `decision-${contestId}`);
        return renderContests(c, { failed, errors: refusal.errors, status: refusal.status });
      }
      const { edition } = await reviewEdition(services, validate(listQuery, c.req.query()).edition);
      return c.redirect(`/admin/contestations?edition=${edition.year}&fait=1`, 303);
    }),
  ];
}
