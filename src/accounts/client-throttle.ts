import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { CLIENT_WINDOW_MS, MAX_CLIENT_FAILURES } from './accounts.rules.ts';

/**
 * Refuses a client address that failed too often lately (MAX_CLIENT_FAILURES in CLIENT_WINDOW_MS),
 * counted in a table of attempts: sign-ins (login_attempts) or survey links (survey_link_attempts).
 */
export async function refuseThrottledClient(
  db: Executor,
  attempts: 'login_attempts' | 'survey_link_attempts',
  client: string,
  now: Date,
  message: string,
): Promise<void> {
  const since = new Date(now.getTime() - CLIENT_WINDOW_MS).toISOString();
  const { failures } = await db
    .selectFrom(attempts)
    .select((eb) => eb.fn.countAll<number>().as('failures'))
    .where('client', '=', client)
    .where('succeeded', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(failures) >= MAX_CLIENT_FAILURES) throw new UserError('unauthenticated', message);
}
