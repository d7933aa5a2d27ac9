import { sql } from 'kysely';
import type { Executor } from '../db/transaction.ts';

/**
 * A short string that changes whenever what the public pages show from an edition changes:
 * editions (status, publication), assessments (append-only: a review or an erratum adds a row),
 * indicator runs (a recompute replaces the row: its computed_at changes even if its id is
 * reused), audit runs, portal checks, and the initiatives registry's moderations and
 * classifications (both appended, never updated). Each part is a primary-key lookup, so the stamp costs a
 * fraction of a millisecond and can be read on every request to key caches and ETags
 * (src/web/middleware/page-cache.ts). Territory imports (names, populations) are not in it: the
 * page cache bounds their delay by its own expiry instead of a scan of 35 000 rows per request.
 */
export async function dataStamp(db: Executor): Promise<string> {
  const [editions, latest] = await Promise.all([
    db.selectFrom('editions').select(['id', 'status', 'published_at']).orderBy('id').execute(),
    sql<Record<'a' | 'r' | 'c' | 'u' | 'p' | 'm' | 'k', string | number | null>>`
      select (select max(id) from assessments) as a,
             (select max(id) from indicator_runs) as r,
             (select max(computed_at) from indicator_runs) as c,
             (select max(id) from audit_runs) as u,
             (select max(id) from portal_checks) as p,
             (select max(id) from initiative_moderations) as m,
             (select max(id) from initiative_classifications) as k
    `.execute(db),
  ]);
  const row = latest.rows[0];
  return [
    editions.map((e) => `${e.id}:${e.status}:${e.published_at ?? ''}`).join(','),
    ...(['a', 'r', 'c', 'u', 'p', 'm', 'k'] as const).map((key) => String(row?.[key] ?? '')),
  ].join('|');
}
