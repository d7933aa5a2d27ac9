import { type Executor, inTransaction } from '../db/transaction.ts';
import type { Mailer } from '../mail/mailer.ts';
import { UserError } from '../shared/errors.ts';
import { normaliseEmail, RESET_TOKEN_MS } from './accounts.rules.ts';
import { newToken, tokenHash } from './tokens.ts';
import { findUserByEmail, findUserById } from './users.repository.ts';
import { setPassword } from './users.service.ts';

/**
 * Sends a single-use link valid one hour to an active account's address. The answer is the same
 * whether the account exists or not, so the form tells nobody who has an account.
 */
export async function requestPasswordReset(
  db: Executor,
  mailer: Mailer,
  input: { email: string; resetUrl: (token: string) => string },
  now: Date,
): Promise<void> {
  const email = normaliseEmail(input.email);
  if (!email) return;
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at !== null) return;
  const token = newToken();
  await db
    .insertInto('password_resets')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_TOKEN_MS).toISOString(),
      used_at: null,
    })
    .execute();
  // Sent at once, not through a `mail-batch` job: one e-mail a person waits for on the page, whose
  // link expires within the hour. Retries spaced by minutes would deliver it late, or dead; a
  // failure now fails the request, and the person asks again.
  await mailer.send({
    to: email,
    subject: 'Baromètre : réinitialisation de votre mot de passe',
    text: [
      `Bonjour ${user.name},`,
      '',
      'Pour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure :',
      input.resetUrl(token),
      '',
      'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.',
    ].join('\n'),
  });
}

/** Uses a reset link once: sets the password, unlocks the account, ends its other sessions. */
export async function completePasswordReset(
  db: Executor,
  input: { token: string; password: string },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const reset = await trx
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', tokenHash(input.token))
      .executeTakeFirst();
    if (!reset || reset.used_at !== null || new Date(reset.expires_at).getTime() <= now.getTime()) {
      throw new UserError(
        'unauthenticated',
        'Lien de réinitialisation invalide, déjà utilisé ou expiré : demandez-en un nouveau.',
      );
    }
    const user = await findUserById(trx, reset.user_id);
    if (!user || user.disabled_at !== null)
      throw new UserError('unauthenticated', 'Ce compte est désactivé.');
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', reset.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new UserError('unauthenticated', 'Lien de réinitialisation déjà utilisé.');
    await setPassword(trx, { userId: user.id, email: user.email, password: input.password }, user.email, now);
  });
}
