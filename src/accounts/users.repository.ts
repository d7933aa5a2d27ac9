import type { UserRole, UserRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { Actor } from './authorization.rules.ts';

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function authorityIdsOf(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_authorities')
    .select('authority_id')
    .where('user_id', '=', userId)
    .orderBy('authority_id')
    .execute();
  return rows.map((row) => row.authority_id);
}

export interface SignedInUser extends Actor {
  email: string;
  name: string;
}

export async function signedInUser(
  db: Executor,
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>,
): Promise<SignedInUser> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    authorityIds: user.role === 'authority' ? await authorityIdsOf(db, user.id) : [],
  };
}

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  lockedUntil: string | null;
  authorities: { id: number; code: string; name: string }[];
}

export async function listUsers(db: Executor): Promise<UserListItem[]> {
  const users = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const links = await db
    .selectFrom('user_authorities as ua')
    .innerJoin('authorities as au', 'au.id', 'ua.authority_id')
    .select(['ua.user_id', 'au.id', 'au.code', 'au.name'])
    .orderBy('au.code')
    .execute();
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled_at !== null,
    lockedUntil: user.locked_until,
    authorities: links
      .filter((link) => link.user_id === user.id)
      .map(({ id, code, name }) => ({ id, code, name })),
  }));
}

/** Signs the user out everywhere: after a password change or when the account is disabled. */
export async function revokeSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
