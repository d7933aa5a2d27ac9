import type { Executor } from '../../db/transaction.ts';
import { type Campaign, getCampaign } from '../campaigns.repository.ts';
import { populationCells } from './population-cells.query.ts';
import { submittedRespondents } from './respondents.query.ts';
import { analyseSurvey, type SurveyAnalysis } from './survey-analysis.rules.ts';

/** Loads a campaign's submitted responses and the population, and analyses them. */
export async function analyseCampaign(
  db: Executor,
  slug: string,
): Promise<{ campaign: Campaign; analysis: SurveyAnalysis }> {
  const campaign = await getCampaign(db, slug);
  const respondents = await submittedRespondents(db, campaign.id);
  const cells = await populationCells(db, [...new Set(respondents.map((r) => r.kind))]);
  return { campaign, analysis: analyseSurvey(campaign.questionnaire, respondents, cells) };
}
