import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export interface AuthorityRefName {
  kind: AuthorityKind;
  code: string;
  name: string;
}

/** What the public page of an authority states about its identity, from stored data only. */
export interface AuthorityProfile {
  id: number;
  kind: AuthorityKind;
  code: string;
  siren: string | null;
  name: string;
  population: number | null;
  populationYear: number | null;
  statusNote: string | null;
  region: AuthorityRefName | null;
  departement: AuthorityRefName | null;
  /** The collectivité whose council governs this territory, when it is another one. */
  council: AuthorityRefName | null;
  website: { url: string; source: string } | null;
  /** Latest recettes réelles de fonctionnement imported. */
  operatingRevenue: { year: number; amount: number; source: string } | null;
}

export async function findAuthorityProfile(
  db: Executor,
  kind: AuthorityKind,
  code: string,
): Promise<AuthorityProfile | undefined> {
  const row = await db
    .selectFrom('authorities')
    .selectAll()
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const [region, departement, council, website, finance] = await Promise.all([
    row.region_code && kind !== 'region' ? refByCode(db, 'region', row.region_code) : undefined,
    row.departement_code && kind !== 'departement'
      ? refByCode(db, 'departement', row.departement_code)
      : undefined,
    row.council_id === null
      ? undefined
      : db
          .selectFrom('authorities')
          .select(['kind', 'code', 'name'])
          .where('id', '=', row.council_id)
          .executeTakeFirst(),
    db
      .selectFrom('authority_websites')
      .select(['url', 'source'])
      .where('authority_id', '=', row.id)
      .where('retired_at', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('authority_finances')
      .select(['year', 'operating_revenue', 'source'])
      .where('authority_id', '=', row.id)
      .orderBy('year', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    siren: row.siren,
    name: row.name,
    population: row.population,
    populationYear: row.population_year,
    statusNote: row.status_note,
    region: region ?? null,
    departement: departement ?? null,
    council: council ?? null,
    website: website ?? null,
    operatingRevenue: finance
      ? { year: finance.year, amount: Number(finance.operating_revenue), source: finance.source }
      : null,
  };
}

function refByCode(db: Executor, kind: AuthorityKind, code: string): Promise<AuthorityRefName | undefined> {
  return db
    .selectFrom('authorities')
    .select(['kind', 'code', 'name'])
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
}
