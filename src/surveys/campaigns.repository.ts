import type { Selectable } from 'kysely';
import type { SurveyCampaignsTable, SurveyProfile } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import type { Questionnaire } from './questionnaire.rules.ts';
import { storedQuestionnaire } from './templates.ts';

export type CampaignRow = Selectable<SurveyCampaignsTable>;

export interface Campaign extends CampaignRow {
  template: string;
  edition: string;
  questionnaire: Questionnaire;
}

/** The campaign with its questionnaire, or a not-found error naming the known campaigns. */
export async function getCampaign(db: Executor, slug: string): Promise<Campaign> {
  const row = await db
    .selectFrom('survey_campaigns as c')
    .innerJoin('survey_questionnaires as q', 'q.id', 'c.questionnaire_id')
    .selectAll('c')
    .select(['q.template', 'q.edition', 'q.definition'])
    .where('c.slug', '=', slug)
    .executeTakeFirst();
  if (!row) {
    const known = await db.selectFrom('survey_campaigns').select('slug').orderBy('slug').execute();
    throw new UserError(
      'not_found',
      `Enquête « ${slug} » introuvable.${known.length ? ` Enquêtes : ${known.map((k) => k.slug).join(', ')}.` : ''}`,
    );
  }
  const { definition, ...campaign } = row;
  return { ...campaign, questionnaire: storedQuestionnaire(definition, `${row.template}/${row.edition}`) };
}

export async function listCampaigns(db: Executor): Promise<CampaignRow[]> {
  return db
    .selectFrom('survey_campaigns')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface RecipientInput {
  authorityId: number;
  email: string;
  profile: SurveyProfile;
}

/** Adds recipients not yet in the campaign (same authority and e-mail); returns how many. */
export async function insertRecipients(
  db: Executor,
  campaignId: number,
  recipients: readonly RecipientInput[],
  now: Date,
): Promise<number> {
  const existing = await db
    .selectFrom('survey_recipients')
    .select(['authority_id', 'email'])
    .where('campaign_id', '=', campaignId)
    .execute();
  const known = new Set(existing.map((r) => `${r.authority_id}\u0000${r.email}`));
  const fresh = recipients.filter((r) => !known.has(`${r.authorityId}\u0000${r.email}`));
  for (let start = 0; start < fresh.length; start += 500) {
    await db
      .insertInto('survey_recipients')
      .values(
        fresh.slice(start, start + 500).map((r) => ({
          campaign_id: campaignId,
          authority_id: r.authorityId,
          email: r.email,
          profile: r.profile,
          created_at: now.toISOString(),
        })),
      )
      .execute();
  }
  return fresh.length;
}
