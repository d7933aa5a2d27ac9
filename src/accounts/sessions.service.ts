import { logChange } from '../audit-log/audit-log.repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { afterFailure, isLocked, normaliseEmail, sessionExpiry } from './accounts.rules.ts';
import { refuseThrottledClient } from './client-throttle.ts';
import { UNUSABLE_HASH, verifyPassword } from './passwords.ts';
import { newToken, tokenHash } from './tokens.ts';
import { findUserById, type SignedInUser, signedInUser } from './users.repository.ts';

export interface OpenSession {
  /** Goes in the HttpOnly cookie; only its hash is stored. */
  token: string;
  /** Goes in every form of the session (CSRF). */
  csrfToken: string;
  expiresAt: Date;
  user: SignedInUser;
}

const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';

/**
 * Signs a person in. Wrong e-mail, wrong password and disabled account get the same answer in
 * about the same time; five failures in a row lock the account for 15 minutes, and a client that
 * fails twenty times in 15 minutes is refused whatever account it tries. Every sign-in opens a
 * new session with a new token (no fixation).
 */
export async function signIn(
  db: Executor,
  input: { email: string; password: string; client: string },
  now: Date,
): Promise<OpenSession> {
  const email = normaliseEmail(input.email) ?? input.email.trim().toLowerCase();
  await refuseThrottledClient(
    db,
    'login_attempts',
    input.client,
    now,
    'Trop de tentatives de connexion depuis cette adresse : réessayez dans 15 minutes.',
  );
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const passwordMatches = await verifyPassword(input.password, user?.password_hash ?? UNUSABLE_HASH);
  // Failures are committed, then refused: throwing inside the transaction would roll back the very
  // records that lock the account and throttle the client.
  const outcome = await inTransaction(db, async (trx): Promise<OpenSession | UserError> => {
    const record = (succeeded: boolean) =>
      trx
        .insertInto('login_attempts')
        .values({ email, client: input.client, succeeded: succeeded ? 1 : 0, at: now.toISOString() })
        .execute();
    if (user && isLocked(user.locked_until, now)) {
      await record(false);
      throw new UserError(
        'unauthenticated',
        'Compte verrouillé après plusieurs échecs : réessayez dans 15 minutes ou réinitialisez votre mot de passe.',
      );
    }
    if (!user || !passwordMatches || user.disabled_at !== null) {
      await record(false);
      if (user && user.disabled_at === null) {
        const next = afterFailure(user.failed_logins, now);
        await trx
          .updateTable('users')
          .set({ failed_logins: next.failedLogins, locked_until: next.lockedUntil })
          .where('id', '=', user.id)
          .execute();
        if (next.lockedUntil) {
          await logChange(
            trx,
            {
              actor: 'system',
              action: 'user_locked',
              entity: 'user',
              entityId: user.id,
              after: { lockedUntil: next.lockedUntil },
            },
            now,
          );
        }
      }
      return new UserError('unauthenticated', WRONG_CREDENTIALS);
    }
    await record(true);
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = sessionExpiry(now, now);
    await trx
      .insertInto('sessions')
      .values({
        id_hash: tokenHash(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { token, csrfToken, expiresAt, user: await signedInUser(trx, user) };
  });
  if (outcome instanceof UserError) throw outcome;
  return outcome;
}

/** Sliding expiry is written at most once a minute: reading a page should not cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** The session a cookie's token opens, if it is valid; extends it with use. */
export async function resolveSession(
  db: Executor,
  token: string,
  now: Date,
): Promise<Omit<OpenSession, 'token'> | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!session || new Date(session.expires_at).getTime() <= now.getTime()) return undefined;
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled_at !== null) return undefined;
  let expiresAt = new Date(session.expires_at);
  if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    expiresAt = sessionExpiry(new Date(session.created_at), now);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .where('id_hash', '=', session.id_hash)
      .execute();
  }
  return { csrfToken: session.csrf_token, expiresAt, user: await signedInUser(db, user) };
}

export async function signOut(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', tokenHash(token)).execute();
}
