import { newToken, tokenHash } from '../accounts/tokens.ts';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type { Executor } from '../db/transaction.ts';
import { inTransaction } from '../db/transaction.ts';
import type { MailBatchPayload } from '../jobs/definitions/mail-batch.job.ts';
import type { Mail } from '../mail/mailer.ts';
import { UserError } from '../shared/errors.ts';
import { invitationMail, isOpen, mailBatches, slugProblem, surveyLink } from './campaign.rules.ts';
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

/** Queues `mail-batch` jobs, as the job queue's `enqueueMany` does. */
export type EnqueueMailBatches = (kind: 'mail-batch', payloads: MailBatchPayload[]) => Promise<number>;

export interface SendDeps {
  enqueue: EnqueueMailBatches;
  /** Who sends, for the audit log. */
  actor: string;
  publicUrl: string;
  now: Date;
}

export interface SendReport {
  /** E-mails queued for sending (`mail-batch` jobs). */
  queued: number;
  /** Recipients left out: already invited, already answered. */
  skipped: number;
}

/**
 * Invites each recipient not yet invited with a link of their own (`invitations`), or reminds
 * each invited recipient who has not submitted with a new link (`reminders`); every link of a
 * recipient opens the same response. The links (hashed) and the recipients' marks are stored in
 * one transaction, then the e-mails go out through `mail-batch` jobs: a relay that fails is
 * tried again with backoff, and an e-mail a batch has sent is not sent again. Running the
 * command twice queues nothing more: the recipients are marked.
 *
 * A job's payload holds its e-mails, links included, as the outbox file of each e-mail does; a
 * process that dies between the commit and the queueing leaves its recipients marked and not
 * e-mailed (a reminder reaches them).
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
  const at = deps.now.toISOString();
  const { mails, skipped } = await inTransaction(db, async (trx) => {
    const recipients = await trx
      .selectFrom('survey_recipients as r')
      .innerJoin('authorities as a', 'a.id', 'r.authority_id')
      .select(['r.id', 'r.email', 'r.invited_at', 'r.submitted_at', 'r.reminders', 'a.name'])
      .where('r.campaign_id', '=', campaign.id)
      .orderBy('r.id')
      .execute();
    const prepared: Mail[] = [];
    for (const recipient of recipients) {
      const wanted =
        recipient.submitted_at === null &&
        (mode === 'invitations' ? recipient.invited_at === null : recipient.invited_at !== null);
      if (!wanted) continue;
      const token = newToken();
      await trx
        .insertInto('survey_links')
        .values({ token_hash: tokenHash(token), recipient_id: recipient.id, created_at: at })
        .execute();
      await trx
        .updateTable('survey_recipients')
        .set(
          mode === 'invitations'
            ? { invited_at: at }
            : { reminded_at: at, reminders: recipient.reminders + 1 },
        )
        .where('id', '=', recipient.id)
        .execute();
      const mail = invitationMail({
        title: campaign.title,
        authorityName: recipient.name,
        link: surveyLink(deps.publicUrl, token),
        closesAt: campaign.closes_at,
        reminder: mode === 'reminders',
      });
      prepared.push({ to: recipient.email, ...mail });
    }
    if (prepared.length > 0)
      await logChange(
        trx,
        {
          actor: deps.actor,
          action: mode === 'invitations' ? 'survey_invitations_sent' : 'survey_reminders_sent',
          entity: 'survey_campaign',
          entityId: slug,
          after: { queued: prepared.length, skipped: recipients.length - prepared.length },
        },
        deps.now,
      );
    return { mails: prepared, skipped: recipients.length - prepared.length };
  });
  if (mails.length > 0) await deps.enqueue('mail-batch', mailBatches(mails, `survey:${slug}:${mode}:${at}`));
  return { queued: mails.length, skipped };
}
