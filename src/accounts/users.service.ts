import { logChange } from '../audit-log/audit-log.repository.ts';
import type { UserRole } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { normaliseEmail, passwordProblem, ROLE_LABELS } from './accounts.rules.ts';
import { hashPassword } from './passwords.ts';
import { findUserByEmail, revokeSessions, type SignedInUser, signedInUser } from './users.repository.ts';

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
  /** Required for, and only for, authorities' representatives. */
  authorityIds?: readonly number[];
}

/** Creates an account. `actor` is who does it, for the audit log ("cli" for the command line). */
export async function createUser(
  db: Executor,
  input: NewUser,
  actor: string,
  now: Date,
): Promise<SignedInUser> {
  const email = normaliseEmail(input.email);
  if (!email) throw new UserError('input_invalid', `Adresse électronique invalide : « ${input.email} ».`);
  const name = input.name.trim();
  if (!name) throw new UserError('input_invalid', 'Le nom de la personne est obligatoire.');
  const problem = passwordProblem(input.password, email);
  if (problem) throw new UserError('input_invalid', `Mot de passe refusé : ${problem}`);
  const authorityIds = [...new Set(input.authorityIds ?? [])];
  if (input.role === 'authority' && authorityIds.length === 0) {
    throw new UserError(
      'input_invalid',
      'Un représentant de collectivité doit être rattaché à au moins une collectivité.',
    );
  }
  if (input.role !== 'authority' && authorityIds.length > 0) {
    throw new UserError(
      'input_invalid',
      `Un ${ROLE_LABELS[input.role]} n’est rattaché à aucune collectivité.`,
    );
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await findUserByEmail(trx, email))
      throw new UserError('conflict', `Un compte existe déjà pour ${email}.`);
    const user = await trx
      .insertInto('users')
      .values({
        email,
        name,
        role: input.role,
        password_hash: passwordHash,
        locked_until: null,
        disabled_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning(['id', 'email', 'name', 'role'])
      .executeTakeFirstOrThrow();
    if (authorityIds.length > 0) {
      await trx
        .insertInto('user_authorities')
        .values(authorityIds.map((authorityId) => ({ user_id: user.id, authority_id: authorityId })))
        .execute();
    }
    await logChange(
      trx,
      {
        actor,
        action: 'user_created',
        entity: 'user',
        entityId: user.id,
        after: { email, name, role: input.role, authorityIds },
      },
      now,
    );
    return signedInUser(trx, user);
  });
}

/** Disables an account and ends its sessions; its history stays. */
export async function disableUser(db: Executor, emailInput: string, actor: string, now: Date): Promise<void> {
  const email = normaliseEmail(emailInput) ?? emailInput;
  await inTransaction(db, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw new UserError('not_found', `Aucun compte pour ${email}.`);
    if (user.disabled_at) return;
    await trx
      .updateTable('users')
      .set({ disabled_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await revokeSessions(trx, user.id);
    await logChange(
      trx,
      {
        actor,
        action: 'user_disabled',
        entity: 'user',
        entityId: user.id,
        before: { disabled: false },
        after: { disabled: true },
      },
      now,
    );
  });
}

/** Sets a new password (reset or change): unlocks the account and signs it out everywhere. */
export async function setPassword(
  db: Executor,
  input: { userId: number; email: string; password: string },
  actor: string,
  now: Date,
): Promise<void> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new UserError('input_invalid', `Mot de passe refusé : ${problem}`);
  const passwordHash = await hashPassword(input.password);
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now.toISOString() })
    .where('id', '=', input.userId)
    .execute();
  await revokeSessions(db, input.userId);
  await logChange(db, { actor, action: 'password_changed', entity: 'user', entityId: input.userId }, now);
}
