import type { Context } from 'hono';
import { canAnswerSurveys, canAnswerSurveysFor } from '../../accounts/authorization.rules.ts';
import { UserError } from '../../shared/errors.ts';
import type { AuthorityInvitation } from '../../surveys/authority-invitations.ts';
import { SurveyMessagePage } from '../pages/survey-response.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { addressedAuthority } from './authority-space-routes.ts';
import { csrfOf, positiveInteger, signedIn } from './back-office-forms.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

/** What an authority's space asks of the surveys, wired in src/main/web-survey-admin.ts. */
export interface SurveyInvitationServices {
  of(authorityId: number): Promise<AuthorityInvitation[]>;
  /** A fresh link to the recipient's response; not found for another authority's recipient. */
  open(input: { recipientId: number; authorityId: number; actor: string }): Promise<string>;
}

export interface InvitationsView {
  items: readonly AuthorityInvitation[];
  csrfToken: string;
  /** Its representatives answer; an administrator only sees where the answers stand. */
  canAnswer: boolean;
}

/** The authority's invitations for its space page, when surveys run on this server. */
export async function invitationsView(
  services: WebServices,
  c: Context<AppEnv>,
  authorityId: number,
): Promise<InvitationsView | undefined> {
  if (!services.surveyInvitations) return undefined;
  return {
    items: await services.surveyInvitations.of(authorityId),
    csrfToken: csrfOf(c),
    canAnswer: canAnswerSurveysFor(signedIn(c), authorityId),
  };
}

/**
 * Opens an invitation of the authority in the address: issues a new link to the same response
 * and sends the browser to it. Only the authority's own representatives get that far: another
 * authority's recipient is not found, as if it did not exist.
 */
export function surveyInvitationRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  return [
    adminRoute('POST', '/admin/collectivite/:kind/:code/enquetes/:recipient', canAnswerSurveys, async (c) => {
      const recipientId = positiveInteger(c.req.param('recipient'), 'recipient');
      const authority = await addressedAuthority(c, services, chromeFor, canAnswerSurveysFor);
      if (authority instanceof Response) return authority;
      if (!services.surveyInvitations)
        throw new UserError('not_found', 'Les enquêtes ne sont pas disponibles ici.');
      try {
        const token = await services.surveyInvitations.open({
          recipientId,
          authorityId: authority.id,
          actor: signedIn(c).email,
        });
        return c.redirect(`/enquete/${token}`, 303);
      } catch (error) {
        // Closed campaign, answer already sent: said on a page of its own rather than as a failure.
        if (!(error instanceof UserError) || error.code !== 'conflict') throw error;
        const page = SurveyMessagePage({
          chrome: chromeFor(c),
          title: 'Questionnaire indisponible',
          lines: [error.message],
        });
        return render(c, page, 409);
      }
    }),
  ];
}
