import { createHash } from 'node:crypto';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import type { Referential } from './referential.schema.ts';

export type ReferentialStoreResult = 'inserted' | 'unchanged' | 'replaced';

export function referentialChecksum(referential: Referential): string {
  return createHash('sha256').update(JSON.stringify(referential)).digest('hex');
}

/**
 * Stores a referential version. Loading the same files again changes nothing. Changed files
 * under an existing version replace it only while no edition uses it: once an edition refers to
 * a version, its services are fixed and a change needs a new version number.
 */
export async function storeReferential(
  db: Executor,
  referential: Referential,
  now: Date,
): Promise<ReferentialStoreResult> {
  const checksum = referentialChecksum(referential);
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('referential_versions')
      .select('checksum')
      .where('version', '=', referential.version)
      .executeTakeFirst();
    if (existing?.checksum === checksum) return 'unchanged';
    if (existing) {
      const usedBy = await trx
        .selectFrom('editions')
        .select('year')
        .where('referential_version', '=', referential.version)
        .execute();
      if (usedBy.length > 0) {
        throw new UserError(
          'conflict',
          `Le référentiel ${referential.version} a changé alors que l’édition ${usedBy.map((e) => e.year).join(', ')} l’utilise : ` +
            'donnez un nouveau numéro de version aux fichiers modifiés (par exemple ' +
            `${nextVersion(referential.version)}).`,
        );
      }
      await trx.deleteFrom('services').where('referential_version', '=', referential.version).execute();
      await trx.deleteFrom('themes').where('referential_version', '=', referential.version).execute();
      await trx
        .updateTable('referential_versions')
        .set({ checksum, loaded_at: now.toISOString() })
        .where('version', '=', referential.version)
        .execute();
    } else {
      await trx
        .insertInto('referential_versions')
        .values({ version: referential.version, checksum, loaded_at: now.toISOString() })
        .execute();
    }
    await trx
      .insertInto('themes')
      .values(
        referential.themes.map((theme, position) => ({
          referential_version: referential.version,
          key: theme.key,
          name: theme.name,
          description: theme.description,
          applies_to: JSON.stringify(theme.applies_to),
          position,
        })),
      )
      .execute();
    await trx
      .insertInto('services')
      .values(
        referential.services.map((service, position) => ({
          referential_version: referential.version,
          key: service.key,
          theme_key: service.theme,
          name: service.name,
          description: service.description,
          applies_to: JSON.stringify(service.applies_to),
          phrases: JSON.stringify(service.phrases),
          url_hints: JSON.stringify(service.url_hints),
          position,
        })),
      )
      .execute();
    return existing ? 'replaced' : 'inserted';
  });
}

function nextVersion(version: string): string {
  const [year, revision] = version.split('.');
  return `${year}.${Number(revision) + 1}`;
}

export interface StoredReferentialSummary {
  version: string;
  loadedAt: string;
  themes: number;
  services: number;
}

export async function listStoredReferentials(db: Executor): Promise<StoredReferentialSummary[]> {
  const rows = await db
    .selectFrom('referential_versions as v')
    .select((eb) => [
      'v.version',
      'v.loaded_at',
      eb
        .selectFrom('themes')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('themes.referential_version', '=', 'v.version')
        .as('themes'),
      eb
        .selectFrom('services')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('services.referential_version', '=', 'v.version')
        .as('services'),
    ])
    .orderBy('v.version')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    loadedAt: row.loaded_at,
    themes: Number(row.themes),
    services: Number(row.services),
  }));
}

export interface StoredReferential {
  referential: Referential;
  /** Database id of each service key of this version. */
  serviceIds: Map<string, number>;
}

/** Rebuilds a stored version as the loader returns it, with the services' database ids. */
export async function loadStoredReferential(db: Executor, version: string): Promise<StoredReferential> {
  const themes = await db
    .selectFrom('themes')
    .selectAll()
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  const services = await db
    .selectFrom('services')
    .selectAll()
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  if (themes.length === 0) {
    throw new UserError(
      'not_found',
      `Le référentiel ${version} n’est pas chargé : lancez « barometre referential load ».`,
    );
  }
  return {
    referential: {
      version,
      themes: themes.map((t) => ({
        key: t.key,
        name: t.name,
        description: t.description,
        applies_to: JSON.parse(t.applies_to),
      })),
      services: services.map((s) => ({
        key: s.key,
        name: s.name,
        theme: s.theme_key,
        applies_to: JSON.parse(s.applies_to),
        description: s.description,
        phrases: JSON.parse(s.phrases),
        url_hints: JSON.parse(s.url_hints),
      })),
    },
    serviceIds: new Map(services.map((s) => [s.key, s.id])),
  };
}
