import type { AuthorityKind, SurveyProfile } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export interface RecipientGroupCount {
  kind: AuthorityKind;
  regionCode: string | null;
  regionName: string | null;
  population: number | null;
  profile: SurveyProfile;
  recipients: number;
  invited: number;
  submitted: number;
}

/**
 * Recipients of a campaign counted by their authority's kind, région and population and by
 * profile: the one query behind response rates (rolled up by response-rates.rules.ts).
 */
export async function recipientGroupCounts(db: Executor, campaignId: number): Promise<RecipientGroupCount[]> {
  const rows = await db
    .selectFrom('survey_recipients as r')
    .innerJoin('authorities as a', 'a.id', 'r.authority_id')
    .leftJoin('authorities as region', (join) =>
      join.onRef('region.code', '=', 'a.region_code').on('region.kind', '=', 'region'),
    )
    .select((eb) => [
      'a.kind',
      'a.region_code',
      'region.name as region_name',
      'a.population',
      'r.profile',
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.count<number>('r.invited_at').as('invited'),
      eb.fn.count<number>('r.submitted_at').as('submitted'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .groupBy(['a.kind', 'a.region_code', 'region.name', 'a.population', 'r.profile'])
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    regionCode: row.region_code,
    regionName: row.region_name,
    population: row.population,
    profile: row.profile,
    recipients: Number(row.recipients),
    invited: Number(row.invited),
    submitted: Number(row.submitted),
  }));
}
