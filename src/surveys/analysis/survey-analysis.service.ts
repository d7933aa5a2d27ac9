import type { Executor } from '../../db/transaction.ts';
import { type Campaign, getCampaign } from '../campaigns.repository.ts';
import { declaredGap, GAP_MEASURES } from './declared-gap.rules.ts';
import { observedDigitalisation } from './observed-digitalisation.query.ts';
import { populationCells } from './population-cells.query.ts';
import { submittedRespondents } from './respondents.query.ts';
import { analyseSurvey, type SurveyAnalysis } from './survey-analysis.rules.ts';

/**
 * Loads a campaign's submitted responses, the population and, for the authorities that were
 * audited, what the audit observed; analyses them.
 */
export async function analyseCampaign(
  db: Executor,
  slug: string,
): Promise<{ campaign: Campaign; analysis: SurveyAnalysis }> {
  const campaign = await getCampaign(db, slug);
  const respondents = await submittedRespondents(db, campaign.id);
  const cells = await populationCells(db, [...new Set(respondents.map((r) => r.kind))]);
  const analysis = analyseSurvey(campaign.questionnaire, respondents, cells);
  const measure = GAP_MEASURES[campaign.template];
  if (measure) {
    const observed = await observedDigitalisation(
      db,
      respondents.map((r) => r.authorityId),
    );
    analysis.gap = declaredGap(measure, respondents, observed);
  }
  return { campaign, analysis };
}
