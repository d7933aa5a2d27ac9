import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export interface AuthorityListFilter {
  kind?: AuthorityKind;
  regionCode?: string;
  departementCode?: string;
  page: number;
  perPage: number;
}

export interface AuthoritySummary {
  kind: AuthorityKind;
  code: string;
  siren: string | null;
  name: string;
  regionCode: string | null;
  departementCode: string | null;
  population: number | null;
}

export interface AuthorityPage {
  total: number;
  items: AuthoritySummary[];
}

/** One page of authorities in a stable order (kind, then code), with the total for pagination. */
export async function listAuthorities(db: Executor, filter: AuthorityListFilter): Promise<AuthorityPage> {
  let query = db.selectFrom('authorities');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.departementCode) query = query.where('departement_code', '=', filter.departementCode);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['kind', 'code', 'siren', 'name', 'region_code', 'departement_code', 'population'])
      .orderBy('kind')
      .orderBy('code')
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage)
      .execute(),
  ]);
  return {
    total: Number(total),
    items: rows.map((row) => ({
      kind: row.kind,
      code: row.code,
      siren: row.siren,
      name: row.name,
      regionCode: row.region_code,
      departementCode: row.departement_code,
      population: row.population,
    })),
  };
}
