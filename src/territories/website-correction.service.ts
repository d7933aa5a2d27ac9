import { logChange } from '../audit-log/audit-log.repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { normalizeWebsiteUrl } from '../shared/url.ts';
import { setCurrentWebsite, type WebsiteChange } from './websites.repository.ts';

/**
 * An administrator or an authority's representative corrects its website address. The old one is
 * retired (history stays) and the change is logged; the next crawl of the authority uses it.
 */
export async function correctWebsite(
  db: Executor,
  input: { authorityId: number; url: string; actor: string; source: 'admin' | 'authority' },
  now: Date,
): Promise<{ url: string; change: WebsiteChange }> {
  const normalized = normalizeWebsiteUrl(input.url);
  if (!normalized.ok)
    throw new UserError('input_invalid', `Adresse du site refusée : ${normalized.reason}.`, [
      { field: 'url', message: `Adresse refusée : ${normalized.reason}` },
    ]);
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('authority_websites')
      .select(['authority_id as authorityId', 'url', 'source'])
      .where('authority_id', '=', input.authorityId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    const change = await setCurrentWebsite(
      trx,
      current,
      { authorityId: input.authorityId, url: normalized.url, source: input.source },
      now,
    );
    if (change !== 'unchanged') {
      await logChange(
        trx,
        {
          actor: input.actor,
          action: 'website_corrected',
          entity: 'authority',
          entityId: input.authorityId,
          before: current ? { url: current.url } : null,
          after: { url: normalized.url },
        },
        now,
      );
    }
    return { url: normalized.url, change };
  });
}
