import { newToken, tokenHash } from '../accounts/tokens.ts';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type { SurveyProfile } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { isOpen } from './campaign.rules.ts';

/**
 * An authority's survey invitations, for its space: what it was asked, where each answer
 * stands, and a way in. Only hashes of links are stored, so opening an invitation issues a
 * fresh link for that recipient, as a reminder does: it opens the same response.
 */

export type InvitationState = 'not_started' | 'in_progress' | 'submitted';

export interface AuthorityInvitation {
  recipientId: number;
  campaignSlug: string;
  campaignTitle: string;
  closesAt: string;
  open: boolean;
  email: string;
  profile: SurveyProfile;
  state: InvitationState;
}

/** Invitations already sent to the authority's people, latest campaign first. */
export async function invitationsOfAuthority(
  db: Executor,
  authorityId: number,
  now: Date,
): Promise<AuthorityInvitation[]> {
  const rows = await db
    .selectFrom('survey_recipients as r')
    .innerJoin('survey_campaigns as c', 'c.id', 'r.campaign_id')
    .select((eb) => [
      'r.id',
      'r.email',
      'r.profile',
      'r.submitted_at',
      'c.slug',
      'c.title',
      'c.closes_at',
      eb
        .selectFrom('survey_answers as s')
        .select((sub) => sub.fn.countAll<number>().as('pages'))
        .whereRef('s.recipient_id', '=', 'r.id')
        .as('pages'),
    ])
    .where('r.authority_id', '=', authorityId)
    .where('r.invited_at', 'is not', null)
    .orderBy('c.created_at', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.map((row) => ({
    recipientId: row.id,
    campaignSlug: row.slug,
    campaignTitle: row.title,
    closesAt: row.closes_at,
    open: isOpen(row.closes_at, now),
    email: row.email,
    profile: row.profile,
    state: row.submitted_at ? 'submitted' : Number(row.pages ?? 0) > 0 ? 'in_progress' : 'not_started',
  }));
}

/**
 * A new link to a recipient's response, for someone acting for its authority: refused for
 * another authority's recipient (as not found, telling nothing), a closed campaign, an
 * answer already sent. The link's issue is logged with who asked.
 */
export async function issueAuthorityLink(
  db: Executor,
  input: { recipientId: number; authorityId: number; actor: string },
  now: Date,
): Promise<string> {
  const recipient = await db
    .selectFrom('survey_recipients as r')
    .innerJoin('survey_campaigns as c', 'c.id', 'r.campaign_id')
    .select(['r.id', 'r.submitted_at', 'r.invited_at', 'c.slug', 'c.closes_at'])
    .where('r.id', '=', input.recipientId)
    .where('r.authority_id', '=', input.authorityId)
    .executeTakeFirst();
  if (!recipient || recipient.invited_at === null)
    throw new UserError('not_found', 'Invitation introuvable pour cette collectivité.');
  if (!isOpen(recipient.closes_at, now))
    throw new UserError('conflict', `Cette enquête est close depuis le ${recipient.closes_at.slice(0, 10)}.`);
  if (recipient.submitted_at)
    throw new UserError('conflict', 'Les réponses à cette invitation ont déjà été envoyées.');
  const token = newToken();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('survey_links')
      .values({ token_hash: tokenHash(token), recipient_id: recipient.id, created_at: now.toISOString() })
      .execute();
    await logChange(
      trx,
      {
        actor: input.actor,
        action: 'survey_link_issued',
        entity: 'survey_recipient',
        entityId: recipient.id,
        after: { campaign: recipient.slug, authorityId: input.authorityId },
      },
      now,
    );
  });
  return token;
}
