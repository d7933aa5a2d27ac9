import type { Executor } from '../../db/transaction.ts';
import { recipientGroupCounts } from '../response-rates.query.ts';
import { type ResponseRates, responseRates } from '../response-rates.rules.ts';
import { surveyFindings } from './findings.rules.ts';
import type { SurveyAnalysis } from './survey-analysis.rules.ts';
import { analyseCampaign } from './survey-analysis.service.ts';

/**
 * What is published of a campaign, on /enquetes/{slug} and in the edition report alike: the
 * analysis (figures under 5 respondents already suppressed, free text only counted), its
 * French findings and the response rates.
 */
export interface CampaignResults {
  slug: string;
  title: string;
  closesAt: string;
  analysis: SurveyAnalysis;
  findings: string[];
  rates: ResponseRates;
}

export async function campaignResults(db: Executor, slug: string): Promise<CampaignResults> {
  const { campaign, analysis } = await analyseCampaign(db, slug);
  return {
    slug: campaign.slug,
    title: campaign.title,
    closesAt: campaign.closes_at,
    analysis,
    findings: surveyFindings(analysis),
    rates: responseRates(await recipientGroupCounts(db, campaign.id)),
  };
}

/** The campaigns of an edition (questionnaires of that year) that received at least one response. */
export async function editionCampaignResults(db: Executor, year: number): Promise<CampaignResults[]> {
  const rows = await db
    .selectFrom('survey_campaigns as c')
    .innerJoin('survey_questionnaires as q', 'q.id', 'c.questionnaire_id')
    .select('c.slug')
    .where('q.edition', '=', String(year))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_recipients as r')
          .select('r.id')
          .whereRef('r.campaign_id', '=', 'c.id')
          .where('r.submitted_at', 'is not', null),
      ),
    )
    .orderBy('c.slug')
    .execute();
  const results: CampaignResults[] = [];
  // One after the other: each analysis already runs its own queries, and a report has few campaigns.
  for (const row of rows) results.push(await campaignResults(db, row.slug));
  return results;
}
