import type { EditionRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';

export async function createEdition(
  db: Executor,
  input: { year: number; referentialVersion: string; title?: string },
  now: Date,
): Promise<EditionRow> {
  const referential = await db
    .selectFrom('referential_versions')
    .select('version')
    .where('version', '=', input.referentialVersion)
    .executeTakeFirst();
  if (!referential) {
    throw new UserError(
      'not_found',
      `Le référentiel ${input.referentialVersion} n’est pas chargé : lancez « barometre referential load ».`,
    );
  }
  const existing = await findEdition(db, input.year);
  if (existing) throw new UserError('conflict', `L’édition ${input.year} existe déjà.`);
  return db
    .insertInto('editions')
    .values({
      year: input.year,
      title: input.title ?? `Baromètre ${input.year}`,
      referential_version: input.referentialVersion,
      status: 'draft',
      created_at: now.toISOString(),
      published_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEdition(db: Executor, year: number): Promise<EditionRow | undefined> {
  return db.selectFrom('editions').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function listEditions(db: Executor): Promise<EditionRow[]> {
  return db.selectFrom('editions').selectAll().orderBy('year', 'desc').execute();
}

export async function findEditionById(db: Executor, id: number): Promise<EditionRow | undefined> {
  return db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The edition of a year, or a French error naming the command that creates it. */
export async function requireEdition(db: Executor, year: number): Promise<EditionRow> {
  const edition = await findEdition(db, year);
  if (!edition) {
    throw new UserError(
      'not_found',
      `L’édition ${year} n’existe pas : créez-la avec « barometre edition create --year ${year} ».`,
    );
  }
  return edition;
}
