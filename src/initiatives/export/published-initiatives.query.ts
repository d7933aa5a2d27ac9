import type { AuthorityKind, InitiativeClassificationSource, InitiativeProgress } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

/**
 * Published initiatives with their authority and current classification, for the open-data
 * exports. Contacts are never selected: they are personal data and stay in the registry.
 */

export interface PublishedInitiative {
  id: number;
  authorityKind: AuthorityKind;
  authorityCode: string;
  authorityName: string;
  regionCode: string | null;
  departementCode: string | null;
  population: number | null;
  title: string;
  description: string;
  year: number;
  progress: InitiativeProgress;
  url: string | null;
  publishedAt: string;
  classificationSource: InitiativeClassificationSource;
  classificationId: number;
}

export async function publishedInitiatives(
  db: Executor,
  filter: { year?: number } = {},
): Promise<{ initiative: PublishedInitiative; domains: { domain: string; confidence: number | null }[] }[]> {
  let query = db
    .selectFrom('initiatives as i')
    .innerJoin('initiative_moderations as m', 'm.initiative_id', 'i.id')
    .innerJoin('authorities as a', 'a.id', 'i.authority_id')
    .innerJoin('current_initiative_classifications as c', 'c.initiative_id', 'i.id')
    .select([
      'i.id',
      'a.kind as authorityKind',
      'a.code as authorityCode',
      'a.name as authorityName',
      'a.region_code as regionCode',
      'a.departement_code as departementCode',
      'a.population',
      'i.title',
      'i.description',
      'i.year',
      'i.progress',
      'i.url',
      'm.created_at as publishedAt',
      'c.source as classificationSource',
      'c.id as classificationId',
    ])
    .where('m.decision', '=', 'published')
    .orderBy('i.year')
    .orderBy('i.id');
  if (filter.year !== undefined) query = query.where('i.year', '=', filter.year);
  const initiatives = await query.execute();
  const domains = new Map<number, { domain: string; confidence: number | null }[]>();
  const ids = initiatives.map((initiative) => initiative.classificationId);
  // Chunks keep the parameter list within SQLite's limit.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('initiative_classification_domains')
      .select(['classification_id', 'domain', 'confidence'])
      .where('classification_id', 'in', ids.slice(start, start + 500))
      .orderBy('classification_id')
      .orderBy('rank')
      .execute();
    for (const row of rows) {
      const list = domains.get(row.classification_id) ?? [];
      list.push({ domain: row.domain, confidence: row.confidence });
      domains.set(row.classification_id, list);
    }
  }
  return initiatives.map((initiative) => ({
    initiative,
    domains: domains.get(initiative.classificationId) ?? [],
  }));
}
