import type { EditionRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/**
 * The edition the public site shows by default: the latest published one, or, before any is
 * published, the latest in preparation (the site then says it is provisional).
 */
export async function findCurrentEdition(db: Executor): Promise<EditionRow | undefined> {
  const published = await db
    .selectFrom('editions')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (published) return published;
  return db.selectFrom('editions').selectAll().orderBy('year', 'desc').limit(1).executeTakeFirst();
}
