import { logChange } from '../audit-log/audit-log.repository.ts';
import type { UserRole } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { Mailer } from '../mail/mailer.ts';
import { UserError } from '../shared/errors.ts';
import { requestPasswordReset } from './password-reset.service.ts';
import { newToken } from './tokens.ts';
import { findUserById, type SignedInUser } from './users.repository.ts';
import { createUser, disableUser } from './users.service.ts';

/**
 * Accounts managed by an administrator from the web. The administrator never sets or sees a
 * password: a new account gets an unusable random one and the person chooses theirs through the
 * reset link mailed at once (the same single-use link as « mot de passe oublié »).
 */

export async function createUserWithResetLink(
  db: Executor,
  mailer: Mailer,
  input: { email: string; name: string; role: UserRole; authorityIds: readonly number[] },
  actor: string,
  resetUrl: (token: string) => string,
  now: Date,
): Promise<SignedInUser> {
  const user = await createUser(db, { ...input, password: newToken() }, actor, now);
  await requestPasswordReset(db, mailer, { email: user.email, resetUrl }, now);
  return user;
}

async function requireUser(db: Executor, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw new UserError('not_found', `Le compte n° ${userId} n’existe pas.`);
  return user;
}

export async function disableUserById(db: Executor, userId: number, actor: string, now: Date): Promise<void> {
  const user = await requireUser(db, userId);
  if (user.email === actor)
    throw new UserError('conflict', 'Vous ne pouvez pas désactiver votre propre compte.');
  await disableUser(db, user.email, actor, now);
}

/** Mails a reset link to an active account, and logs who asked for it. */
export async function sendPasswordResetLink(
  db: Executor,
  mailer: Mailer,
  userId: number,
  actor: string,
  resetUrl: (token: string) => string,
  now: Date,
): Promise<void> {
  const user = await requireUser(db, userId);
  if (user.disabled_at !== null)
    throw new UserError('conflict', 'Ce compte est désactivé : aucun lien ne lui est envoyé.');
  await logChange(
    db,
    { actor, action: 'password_reset_sent', entity: 'user', entityId: user.id, after: { email: user.email } },
    now,
  );
  await requestPasswordReset(db, mailer, { email: user.email, resetUrl }, now);
}
