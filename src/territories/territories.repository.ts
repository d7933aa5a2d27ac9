import type { Insertable, Updateable } from 'kysely';
import type { AuthoritiesTable, AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/** The columns a territories import owns, as stored. */
export type AuthorityFields = Omit<Insertable<AuthoritiesTable>, 'id' | 'created_at' | 'updated_at'>;
export type StoredAuthority = AuthorityFields & { id: number };

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535: 500 rows of 13 columns stay well under both.
const INSERT_CHUNK = 500;

export async function loadAuthorities(db: Executor): Promise<StoredAuthority[]> {
  return db
    .selectFrom('authorities')
    .select([
      'id',
      'kind',
      'code',
      'siren',
      'name',
      'region_code',
      'departement_code',
      'epci_siren',
      'council_id',
      'competences',
      'population',
      'population_year',
      'status_note',
    ])
    .execute();
}

export async function insertAuthorities(
  db: Executor,
  rows: AuthorityFields[],
  now: Date,
  onChunk?: (inserted: number) => void,
): Promise<void> {
  const stamp = now.toISOString();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await db
      .insertInto('authorities')
      .values(chunk.map((row) => ({ ...row, created_at: stamp, updated_at: stamp })))
      .execute();
    onChunk?.(chunk.length);
  }
}

export async function updateAuthority(
  db: Executor,
  id: number,
  changes: Updateable<AuthoritiesTable>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('authorities')
    .set({ ...changes, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function countAuthoritiesByKind(db: Executor): Promise<Record<AuthorityKind, number>> {
  const rows = await db
    .selectFrom('authorities')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('kind')
    .execute();
  const counts: Record<AuthorityKind, number> = {
    region: 0,
    departement: 0,
    collectivite_unique: 0,
    epci: 0,
    commune: 0,
  };
  for (const row of rows) counts[row.kind] = Number(row.count);
  return counts;
}
