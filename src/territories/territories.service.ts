import type { AuthorityKind } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { readCogData } from './cog-source.ts';
import { readShippedDepartementWebsites, SHIPPED_WEBSITES_SOURCE } from './shipped-websites.ts';
import {
  type AuthorityFields,
  countAuthoritiesByKind,
  insertAuthorities,
  loadAuthorities,
  updateAuthority,
} from './territories.repository.ts';
import {
  authorityKey,
  buildTerritories,
  SINGLE_COLLECTIVITIES,
  type TerritoryRecord,
} from './territories.rules.ts';
import { currentWebsites, setCurrentWebsite } from './websites.repository.ts';

export interface TerritoriesImportReport {
  cogVersion: string;
  inserted: number;
  updated: number;
  unchanged: number;
  websitesAdded: number;
  websitesReplaced: number;
  counts: Record<AuthorityKind, number>;
}

export type ImportProgress = (
  step: 'read' | 'write' | 'links' | 'websites',
  done: number,
  total: number,
) => void;

/**
 * Loads the COG into `authorities` in one transaction. Idempotent: a row is written only
 * when one of its fields differs from what is stored, so a second run reports 0 changes.
 */
export async function importTerritories(
  db: Executor,
  options: { now: Date; onProgress?: ImportProgress },
): Promise<TerritoriesImportReport> {
  const { now, onProgress } = options;
  const cog = readCogData();
  const records = buildTerritories(cog);
  onProgress?.('read', records.length, records.length);

  return inTransaction(db, async (trx) => {
    const stored = new Map((await loadAuthorities(trx)).map((row) => [authorityKey(row), row]));
    const toInsert: AuthorityFields[] = [];
    // Keys of pre-existing rows that changed: a row counts once however many of its fields did.
    const updated = new Set<string>();
    let done = 0;
    for (const record of records) {
      const fields = toFields(record);
      const existing = stored.get(authorityKey(record));
      if (!existing) toInsert.push(fields);
      else {
        const changes = changedFields(existing, fields);
        if (Object.keys(changes).length > 0) {
          await updateAuthority(trx, existing.id, changes, now);
          updated.add(authorityKey(record));
        }
        onProgress?.('write', ++done, records.length);
      }
    }
    await insertAuthorities(trx, toInsert, now, (count) => {
      done += count;
      onProgress?.('write', done, records.length);
    });

    for (const key of await linkCouncils(trx, records, now)) if (stored.has(key)) updated.add(key);
    onProgress?.('links', 1, 1);
    const websites = await applyShippedWebsites(trx, now);
    onProgress?.('websites', 1, 1);

    return {
      cogVersion: cog.version,
      inserted: toInsert.length,
      updated: updated.size,
      unchanged: records.length - toInsert.length - updated.size,
      websitesAdded: websites.added,
      websitesReplaced: websites.replaced,
      counts: await countAuthoritiesByKind(trx),
    };
  });
}

function toFields(record: TerritoryRecord): AuthorityFields {
  return {
    kind: record.kind,
    code: record.code,
    siren: record.siren,
    name: record.name,
    region_code: record.regionCode,
    departement_code: record.departementCode,
    epci_siren: record.epciSiren,
    competences: JSON.stringify(record.competences),
    population: record.population,
    population_year: record.populationYear,
    status_note: record.statusNote,
  };
}

const COMPARED_FIELDS = [
  'siren',
  'name',
  'region_code',
  'departement_code',
  'epci_siren',
  'competences',
  'population',
  'population_year',
  'status_note',
] as const;

function changedFields(existing: AuthorityFields, next: AuthorityFields): Partial<AuthorityFields> {
  const changes: Partial<AuthorityFields> = {};
  for (const field of COMPARED_FIELDS) {
    if ((existing[field] ?? null) !== (next[field] ?? null)) Object.assign(changes, { [field]: next[field] });
  }
  return changes;
}

/**
 * Second pass, once every row has an id: points each territory to the council that governs it.
 * Returns the keys of the rows whose link changed.
 */
async function linkCouncils(trx: Executor, records: TerritoryRecord[], now: Date): Promise<string[]> {
  const stored = new Map((await loadAuthorities(trx)).map((row) => [authorityKey(row), row]));
  const linked: string[] = [];
  for (const record of records) {
    const row = stored.get(authorityKey(record));
    const councilId = record.council ? (stored.get(authorityKey(record.council))?.id ?? null) : null;
    if (row && (row.council_id ?? null) !== councilId) {
      await updateAuthority(trx, row.id, { council_id: councilId }, now);
      linked.push(authorityKey(record));
    }
  }
  return linked;
}

/**
 * Gives each département (and each collectivité unique, through the départements it governs)
 * its shipped website, unless someone imported another URL since: user data wins.
 */
async function applyShippedWebsites(trx: Executor, now: Date): Promise<{ added: number; replaced: number }> {
  const shipped = readShippedDepartementWebsites();
  const urlByKey = new Map<string, string>();
  for (const [code, url] of shipped) urlByKey.set(`departement:${code}`, url);
  for (const collectivity of SINGLE_COLLECTIVITIES) {
    const first = collectivity.governs.find((t) => t.kind === 'departement');
    const url = first && shipped.get(first.code);
    if (url) urlByKey.set(`collectivite_unique:${collectivity.code}`, url);
  }

  const ids = new Map((await loadAuthorities(trx)).map((row) => [authorityKey(row), row.id]));
  const current = await currentWebsites(trx);
  const result = { added: 0, replaced: 0 };
  for (const [key, url] of urlByKey) {
    const authorityId = ids.get(key);
    if (authorityId === undefined) continue;
    const existing = current.get(authorityId);
    if (existing && existing.source !== SHIPPED_WEBSITES_SOURCE) continue;
    const change = await setCurrentWebsite(
      trx,
      existing,
      { authorityId, url, source: SHIPPED_WEBSITES_SOURCE },
      now,
    );
    if (change === 'added') result.added++;
    if (change === 'replaced') result.replaced++;
  }
  return result;
}
