import { createHash, randomBytes } from 'node:crypto';

/** A secret for a cookie or an e-mailed link: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: a leaked table gives nobody a usable session or link. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
