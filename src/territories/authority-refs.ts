import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';

export interface AuthorityRef {
  id: number;
  kind: AuthorityKind;
  code: string;
  name: string;
}

/** Authorities by id (a representative's), by kind and code. */
export async function authoritiesById(db: Executor, ids: readonly number[]): Promise<AuthorityRef[]> {
  return db
    .selectFrom('authorities')
    .select(['id', 'kind', 'code', 'name'])
    .where('id', 'in', ids.length ? [...ids] : [-1])
    .orderBy('kind')
    .orderBy('code')
    .execute();
}

/** Authorities of a kind named by their codes, or a French error naming the unknown ones. */
export async function authoritiesByCode(
  db: Executor,
  kind: AuthorityKind,
  codes: readonly string[],
): Promise<AuthorityRef[]> {
  const found = await db
    .selectFrom('authorities')
    .select(['id', 'kind', 'code', 'name'])
    .where('kind', '=', kind)
    .where('code', 'in', codes.length ? [...codes] : [''])
    .orderBy('code')
    .execute();
  const unknown = codes.filter((code) => !found.some((a) => a.code === code));
  if (unknown.length)
    throw new UserError('input_invalid', `Code(s) inconnu(s) : ${unknown.join(', ')}.`, [
      { field: 'codes', message: `Aucune collectivité de ce type n’a le code ${unknown.join(', ')}` },
    ]);
  return found;
}
