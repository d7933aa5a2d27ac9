import type { UserRole } from '../db/schema.ts';

/**
 * Pure rules of accounts: what a valid e-mail and password are, and when repeated failures lock
 * an account or a client out (docs/access-control.md).
 */

export const ROLE_LABELS: Record<UserRole, string> = {
  admin: 'administrateur',
  analyst: 'analyste',
  authority: 'représentant de collectivité',
};

export const MIN_PASSWORD_LENGTH = 12;

export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : undefined;
}

/** Why a password is refused, in French; undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  if (password.length > 256) return 'le mot de passe ne doit pas dépasser 256 caractères.';
  if (password.toLowerCase().includes(email.split('@')[0] ?? email))
    return 'le mot de passe ne doit pas contenir l’identifiant de l’adresse électronique.';
  if (new Set(password).size < 5) return 'le mot de passe est trop répétitif.';
  return undefined;
}

/** After this many consecutive failures, the account is locked for LOCKOUT_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** At most this many failed attempts from one client per window, whatever the accounts tried. */
export const MAX_CLIENT_FAILURES = 20;
export const CLIENT_WINDOW_MS = 15 * 60_000;

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime();
}

/** The account's state after a failed sign-in: counted, and locked at the threshold. */
export function afterFailure(
  failedLogins: number,
  now: Date,
): { failedLogins: number; lockedUntil: string | null } {
  const failures = failedLogins + 1;
  return {
    failedLogins: failures >= MAX_FAILED_LOGINS ? 0 : failures,
    lockedUntil: failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null,
  };
}

export const SESSION_IDLE_MS = 8 * 60 * 60_000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60_000;
export const RESET_TOKEN_MS = 60 * 60_000;

/** A session slides with use, up to a hard limit from its creation. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}
