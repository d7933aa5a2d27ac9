import type { OpenSession } from '../../accounts/sessions.service.ts';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import type { AuditLogRow } from '../../db/schema.ts';

/**
 * What the web asks of the accounts and audit-log domains, wired in src/main/web.ts. Expected
 * refusals (wrong password, throttled client, expired reset link, weak password) are UserErrors.
 */
export interface WebAccounts {
  signIn(input: { email: string; password: string; client: string }): Promise<OpenSession>;
  /** The session a cookie's token opens, or undefined when it is unknown, expired or disabled. */
  resolveSession(token: string): Promise<{ csrfToken: string; user: SignedInUser } | undefined>;
  signOut(token: string): Promise<void>;
  /** Mails a reset link built by `resetUrl` when the address has an active account; silent otherwise. */
  requestPasswordReset(email: string, resetUrl: (token: string) => string): Promise<void>;
  completePasswordReset(token: string, password: string): Promise<void>;
  /** Audit log, newest first: `limit` changes older than `beforeId` (from the newest when absent). */
  auditLog(page: { beforeId?: number; limit: number }): Promise<AuditLogRow[]>;
}
