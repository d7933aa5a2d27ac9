import type { AuthorityKind, SurveyProfile } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Answers } from '../answers.rules.ts';

export interface Respondent {
  recipientId: number;
  authorityId: number;
  kind: AuthorityKind;
  regionCode: string | null;
  population: number | null;
  profile: SurveyProfile;
  answers: Answers;
}

/**
 * The submitted responses of a campaign with what weighting and cross-tabs need of their
 * authority: one row per saved page, folded into one respondent each. Unsubmitted responses
 * never enter an analysis.
 */
export async function submittedRespondents(db: Executor, campaignId: number): Promise<Respondent[]> {
  const rows = await db
    .selectFrom('survey_recipients as r')
    .innerJoin('authorities as a', 'a.id', 'r.authority_id')
    .innerJoin('survey_answers as s', 's.recipient_id', 'r.id')
    .select(['r.id', 'r.authority_id', 'a.kind', 'a.region_code', 'a.population', 'r.profile', 's.answers'])
    .where('r.campaign_id', '=', campaignId)
    .where('r.submitted_at', 'is not', null)
    .orderBy('r.id')
    .execute();
  const respondents = new Map<number, Respondent>();
  for (const row of rows) {
    let respondent = respondents.get(row.id);
    if (!respondent) {
      respondent = {
        recipientId: row.id,
        authorityId: row.authority_id,
        kind: row.kind,
        regionCode: row.region_code,
        population: row.population,
        profile: row.profile,
        answers: {},
      };
      respondents.set(row.id, respondent);
    }
    Object.assign(respondent.answers, JSON.parse(row.answers) as Answers);
  }
  return [...respondents.values()];
}
