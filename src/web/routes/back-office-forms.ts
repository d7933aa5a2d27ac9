import type { Context } from 'hono';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import type { AppEnv } from '../session/session.ts';

/** The signed-in person of a guarded route (the guard has let only them through). */
export function signedIn(c: Context<AppEnv>): SignedInUser {
  const user = c.get('user');
  if (!user) throw new Error('guarded route reached without a user');
  return user;
}

/** The session's CSRF token, for the forms of the page. */
export function csrfOf(c: Context<AppEnv>): string {
  return c.get('sessionCsrf') ?? '';
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Runs a service call from a form: an expected refusal (UserError) comes back as the errors to
 * show above the form, on `field` unless the error names its own; anything else propagates.
 */
export async function attempt<T>(field: string, work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof UserError) || error.code === 'forbidden') throw error;
    const named = error.problems.filter((p) => p.field);
    return {
      ok: false,
      errors: named.length
        ? named.map((p) => ({ field: p.field as string, message: p.message }))
        : [{ field, message: error.message }],
    };
  }
}

/** A whole number from a path or form field, or a 400 naming the field. */
export function positiveInteger(raw: string | undefined, field: string): number {
  const value = Number(raw);
  if (!raw || !Number.isSafeInteger(value) || value <= 0)
    throw new UserError('input_invalid', 'Adresse invalide', [
      { field, message: `« ${raw ?? ''} » n’est pas un numéro valide` },
    ]);
  return value;
}
