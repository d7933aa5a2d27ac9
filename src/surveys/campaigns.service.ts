import { newToken, tokenHash } from '../accounts/tokens.ts';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type { Executor } from '../db/transaction.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Mailer } from '../mail/mailer.ts';
import { UserError } from '../shared/errors.ts';
import { invitationMail, isOpen, slugProblem, surveyLink } from './campaign.rules.ts';
import { type Campaign, getCampaign } from './campaigns.repository.ts';
import { loadTemplate } from './templates.ts';

export interface CreateCampaignInput {
  slug: string;
  title?: string;
  template: string;
  edition: string;
  closesAt: Date;
  by: string;
}

/**
 * Creates a campaign on one edition of a template. The questionnaire version is stored once
 * and shared by the campaigns on it; a file changed after it was stored is refused, since
 * answers already collected refer to the stored version.
 */
export async function createCampaign(db: Executor, input: CreateCampaignInput, now: Date): Promise<Campaign> {
  const problem = slugProblem(input.slug);
  if (problem) throw new UserError('input_invalid', problem);
  if (input.closesAt.getTime() <= now.getTime())
    throw new UserError('input_invalid', 'La date de clôture doit être dans le futur.');
  const source = loadTemplate(input.template, input.edition);
  await inTransaction(db, async (trx) => {
    const taken = await trx
      .selectFrom('survey_campaigns')
      .select('id')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (taken) throw new UserError('conflict', `L’enquête « ${input.slug} » existe déjà.`);
    let version = await trx
      .selectFrom('survey_questionnaires')
      .select(['id', 'checksum'])
      .where('template', '=', source.template)
      .where('edition', '=', source.edition)
      .executeTakeFirst();
    if (version && version.checksum !== source.checksum) {
      throw new UserError(
        'conflict',
        `Le questionnaire ${source.template}/${source.edition} a changé depuis son enregistrement : créez une nouvelle édition du fichier plutôt que de modifier celle-ci.`,
      );
    }
    if (!version) {
      version = await trx
        .insertInto('survey_questionnaires')
        .values({
          template: source.template,
          edition: source.edition,
          title: source.questionnaire.title,
          definition: source.definition,
          checksum: source.checksum,
          created_at: now.toISOString(),
        })
        .returning(['id', 'checksum'])
        .executeTakeFirstOrThrow();
    }
    await trx
      .insertInto('survey_campaigns')
      .values({
        slug: input.slug,
        title: input.title ?? `${source.questionnaire.title} ${source.edition}`,
        questionnaire_id: version.id,
        closes_at: input.closesAt.toISOString(),
        created_by: input.by,
        created_at: now.toISOString(),
      })
      .execute();
    await logChange(
      trx,
      {
        actor: input.by,
        action: 'survey_campaign_created',
        entity: 'survey_campaign',
        entityId: input.slug,
        after: { template: source.template, edition: source.edition, closesAt: input.closesAt.toISOString() },
      },
      now,
    );
  });
  return getCampaign(db, input.slug);
}

export interface SendDeps {
  mailer: Mailer;
  /** Who sends, for the audit log. */
  actor: string;
  publicUrl: string;
  now: Date;
}

export interface SendReport {
  sent: number;
  /** Recipients left out: already invited, already answered. */
  skipped: number;
}

/**
 * Sends each recipient not yet invited an e-mail with a link of their own (`invitations`), or
 * each invited recipient who has not submitted a reminder with a new link (`reminders`); every
 * link of a recipient opens the same response. A link is stored (hashed) before its e-mail
 * leaves, and a recipient is marked only after: a failed send is retried by the next run.
 */
export async function sendMails(
  db: Executor,
  slug: string,
  mode: 'invitations' | 'reminders',
  deps: SendDeps,
): Promise<SendReport> {
  const campaign = await getCampaign(db, slug);
  if (!isOpen(campaign.closes_at, deps.now))
    throw new UserError(
      'conflict',
      `L’enquête « ${slug} » est close depuis le ${campaign.closes_at.slice(0, 10)}.`,
    );
  const recipients = await db
    .selectFrom('survey_recipients as r')
    .innerJoin('authorities as a', 'a.id', 'r.authority_id')
    .select(['r.id', 'r.email', 'r.invited_at', 'r.submitted_at', 'r.reminders', 'a.name'])
    .where('r.campaign_id', '=', campaign.id)
    .orderBy('r.id')
    .execute();
  const report: SendReport = { sent: 0, skipped: 0 };
  for (const recipient of recipients) {
    const wanted =
      recipient.submitted_at === null &&
      (mode === 'invitations' ? recipient.invited_at === null : recipient.invited_at !== null);
    if (!wanted) {
      report.skipped++;
      continue;
    }
    const token = newToken();
    const at = deps.now.toISOString();
    await db
      .insertInto('survey_links')
      .values({ token_hash: tokenHash(token), recipient_id: recipient.id, created_at: at })
      .execute();
    const mail = invitationMail({
      title: campaign.title,
      authorityName: recipient.name,
      link: surveyLink(deps.publicUrl, token),
      closesAt: campaign.closes_at,
      reminder: mode === 'reminders',
    });
    await deps.mailer.send({ to: recipient.email, ...mail });
    await db
      .updateTable('survey_recipients')
      .set(
        mode === 'invitations' ? { invited_at: at } : { reminded_at: at, reminders: recipient.reminders + 1 },
      )
      .where('id', '=', recipient.id)
      .execute();
    report.sent++;
  }
  if (report.sent > 0)
    await logChange(
      db,
      {
        actor: deps.actor,
        action: mode === 'invitations' ? 'survey_invitations_sent' : 'survey_reminders_sent',
        entity: 'survey_campaign',
        entityId: slug,
        after: report,
      },
      deps.now,
    );
  return report;
}
