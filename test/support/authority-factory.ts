import type { Kysely } from 'kysely';
import type { AuthorityKind, NewAuthority, Schema } from '../../src/db/schema.ts';

/** A few real authorities, enough to exercise code resolution (shared codes, SIREN, Corsica). */
export const SAMPLE_AUTHORITIES = {
  regionAura: { kind: 'region', code: '84', name: 'Auvergne-Rhône-Alpes' },
  regionIdf: { kind: 'region', code: '11', name: 'Île-de-France' },
  ain: { kind: 'departement', code: '01', name: 'Ain', region_code: '84', departement_code: '01' },
  vaucluse: { kind: 'departement', code: '84', name: 'Vaucluse', region_code: '93', departement_code: '84' },
  corseDuSud: {
    kind: 'departement',
    code: '2A',
    name: 'Corse-du-Sud',
    region_code: '94',
    departement_code: '2A',
  },
  abergement: {
    kind: 'commune',
    code: '01001',
    siren: '210100012',
    name: 'L’Abergement-Clémenciat',
    region_code: '84',
    departement_code: '01',
    epci_siren: '200069193',
  },
  bourg: {
    kind: 'commune',
    code: '01053',
    siren: '210100533',
    name: 'Bourg-en-Bresse',
    region_code: '84',
    departement_code: '01',
    epci_siren: '200071751',
  },
  ajaccio: {
    kind: 'commune',
    code: '2A004',
    siren: '212000046',
    name: 'Ajaccio',
    region_code: '94',
    departement_code: '2A',
  },
  bassinDeBourg: {
    kind: 'epci',
    code: '200071751',
    siren: '200071751',
    name: 'CA du Bassin de Bourg-en-Bresse',
    region_code: '84',
    departement_code: '01',
  },
} as const satisfies Record<string, AuthorityInput>;

export type SampleAuthority = keyof typeof SAMPLE_AUTHORITIES;

export interface AuthorityInput {
  kind: AuthorityKind;
  code: string;
  name: string;
  siren?: string | null;
  region_code?: string | null;
  departement_code?: string | null;
  epci_siren?: string | null;
}

const CREATED_AT = '2026-01-01T00:00:00.000Z';

export async function createAuthority(db: Kysely<Schema>, input: AuthorityInput): Promise<number> {
  const row: NewAuthority = {
    kind: input.kind,
    code: input.code,
    siren: input.siren ?? null,
    name: input.name,
    region_code: input.region_code ?? null,
    departement_code: input.departement_code ?? null,
    epci_siren: input.epci_siren ?? null,
    council_id: null,
    competences: JSON.stringify([input.kind]),
    population: null,
    population_year: null,
    status_note: null,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
  };
  const { id } = await db.insertInto('authorities').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Inserts all SAMPLE_AUTHORITIES and returns their ids by name. */
export async function createSampleAuthorities(db: Kysely<Schema>): Promise<Record<SampleAuthority, number>> {
  const ids = {} as Record<SampleAuthority, number>;
  for (const [name, input] of Object.entries(SAMPLE_AUTHORITIES) as [SampleAuthority, AuthorityInput][]) {
    ids[name] = await createAuthority(db, input);
  }
  return ids;
}
