import type { AuthorityKind } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

/**
 * The one query behind the registry's analyses: every (published initiative, current domain)
 * pair, with the authority's kind and population. Same SQL on both engines.
 */

export interface PublishedDomainRow {
  initiativeId: number;
  authorityId: number;
  kind: AuthorityKind;
  population: number | null;
  domain: string;
  /** 1 for the initiative's main domain. */
  rank: number;
}

export async function publishedInitiativeDomains(
  db: Executor,
  filter: { year?: number } = {},
): Promise<PublishedDomainRow[]> {
  let query = db
    .selectFrom('initiatives as i')
    .innerJoin('initiative_moderations as m', 'm.initiative_id', 'i.id')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .innerJoin('current_initiative_classifications as c', 'c.initiative_id', 'i.id')
    .innerJoin('initiative_classification_domains as d', 'd.classification_id', 'c.id')
    .select(['i.id as initiativeId', 'a.id as authorityId', 'a.kind', 'a.population', 'd.domain', 'd.rank'])
    .where('m.decision', '=', 'published')
    .orderBy('i.id')
    .orderBy('d.rank');
  if (filter.year !== undefined) query = query.where('i.year', '=', filter.year);
  return query.execute();
}
