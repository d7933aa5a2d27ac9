import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';

/** A draft edition row on a stored referential version. */
export async function createEditionRow(
  db: Kysely<Schema>,
  year: number,
  referentialVersion: string,
  createdAt = new Date('2026-11-21T10:00:00Z'),
): Promise<number> {
  const { id } = await db
    .insertInto('editions')
    .values({
      year,
      title: `Baromètre ${year}`,
      referential_version: referentialVersion,
      status: 'draft',
      created_at: createdAt.toISOString(),
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
