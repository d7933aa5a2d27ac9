import type { Executor } from '../db/transaction.ts';

export interface CurrentWebsite {
  authorityId: number;
  url: string;
  source: string;
}

export type WebsiteChange = 'added' | 'replaced' | 'unchanged';

export async function currentWebsites(db: Executor): Promise<Map<number, CurrentWebsite>> {
  const rows = await db
    .selectFrom('authority_websites')
    .select(['authority_id', 'url', 'source'])
    .where('retired_at', 'is', null)
    .execute();
  return new Map(
    rows.map((r) => [r.authority_id, { authorityId: r.authority_id, url: r.url, source: r.source }]),
  );
}

/**
 * Makes `url` the authority's current website. A different current URL is retired, not
 * overwritten, so the history of addresses stays available to analysts.
 */
export async function setCurrentWebsite(
  db: Executor,
  current: CurrentWebsite | undefined,
  next: { authorityId: number; url: string; source: string },
  now: Date,
): Promise<WebsiteChange> {
  if (current?.url === next.url) return 'unchanged';
  const stamp = now.toISOString();
  if (current) {
    await db
      .updateTable('authority_websites')
      .set({ retired_at: stamp })
      .where('authority_id', '=', next.authorityId)
      .where('retired_at', 'is', null)
      .execute();
  }
  await db
    .insertInto('authority_websites')
    .values({
      authority_id: next.authorityId,
      url: next.url,
      source: next.source,
      added_at: stamp,
      retired_at: null,
    })
    .execute();
  return current ? 'replaced' : 'added';
}
