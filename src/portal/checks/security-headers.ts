import { createHomeSlot } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck, type PortalCheckOutcome } from '../portal.types.ts';
import { SECURITY_HEADERS } from '../thresholds.ts';

interface HeaderRule {
  key: string;
  /** Shown in the list of missing headers. */
  name: string;
  present(headers: Readonly<Record<string, string>>, https: boolean): boolean;
}

function directives(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((directive) => directive.trim().toLowerCase())
    .filter((directive) => directive !== '');
}

export const SECURITY_HEADER_RULES: readonly HeaderRule[] = [
  {
    key: 'hsts',
    name: 'Strict-Transport-Security',
    // Browsers ignore HSTS sent over plain HTTP, and max-age=0 switches it off.
    present: (headers, https) => {
      const maxAge = /max-age\s*=\s*"?(\d+)/i.exec(headers['strict-transport-security'] ?? '')?.[1];
      return https && maxAge !== undefined && Number(maxAge) > 0;
    },
  },
  {
    key: 'csp',
    name: 'Content-Security-Policy',
    // Report-only policies protect nothing.
    present: (headers) => directives(headers['content-security-policy']).length > 0,
  },
  {
    key: 'nosniff',
    name: 'X-Content-Type-Options: nosniff',
    present: (headers) => (headers['x-content-type-options'] ?? '').trim().toLowerCase() === 'nosniff',
  },
  {
    key: 'framing',
    name: 'X-Frame-Options (ou CSP frame-ancestors)',
    present: (headers) =>
      /^(deny|sameorigin)$/i.test((headers['x-frame-options'] ?? '').trim()) ||
      directives(headers['content-security-policy']).some((directive) =>
        directive.startsWith('frame-ancestors'),
      ),
  },
  {
    key: 'referrer',
    name: 'Referrer-Policy',
    // "unsafe-url" sends full addresses (with their query strings) to every other site.
    present: (headers) => {
      const policies = (headers['referrer-policy'] ?? '')
        .split(',')
        .map((policy) => policy.trim().toLowerCase())
        .filter((policy) => policy !== '');
      return policies.length > 0 && policies.at(-1) !== 'unsafe-url';
    },
  },
];

const READ_HEADERS = [
  'strict-transport-security',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
];

/** Only the headers the rules read, lowercase, whatever the case they arrived in. */
function pickHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (READ_HEADERS.includes(lower)) picked[lower] = value;
  }
  return picked;
}

/** Security headers of the home page response: HSTS, CSP, nosniff, framing protection, Referrer-Policy. */
export const securityHeadersCheck: PortalCheck = {
  key: 'security_headers',
  start({ site }) {
    const label = PORTAL_CHECK_LABELS.security_headers;
    const home = createHomeSlot(site, (page) =>
      page.httpStatus === null ? null : { url: page.finalUrl, headers: pickHeaders(page.headers) },
    );
    return {
      add: (page) => home.offer(page),
      finish() {
        const page = home.value ?? null;
        if (page === null) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : page d’accueil sans réponse HTTP`,
            details: {},
            evidence: [],
          };
        }
        const https = page.url.startsWith('https://');
        const present = SECURITY_HEADER_RULES.filter((rule) => rule.present(page.headers, https));
        const missing = SECURITY_HEADER_RULES.filter((rule) => !present.includes(rule));
        const score = present.length;
        const max = SECURITY_HEADER_RULES.length;
        const outcome: PortalCheckOutcome =
          score >= SECURITY_HEADERS.passMinScore
            ? 'pass'
            : score >= SECURITY_HEADERS.warnMinScore
              ? 'warn'
              : 'fail';
        const missingText =
          missing.length === 0 ? '' : ` (manquants : ${missing.map((rule) => rule.name).join(', ')})`;
        return {
          outcome,
          value: score,
          summary: `${label} : ${score}/${max}${missingText}`,
          details: {
            score,
            max,
            present: present.map((rule) => rule.key),
            missing: missing.map((rule) => rule.key),
            thresholds: SECURITY_HEADERS,
          },
          evidence: [{ url: page.url, note: `En-têtes de la réponse : ${score} protections sur ${max}` }],
        };
      },
    };
  },
};
