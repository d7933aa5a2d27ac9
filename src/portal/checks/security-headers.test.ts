import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { securityHeadersCheck } from './security-headers.ts';

const ALL = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function withHeaders(headers: Record<string, string>, url = HOME) {
  return checkResult(securityHeadersCheck, [portalPage(url, { headers, depth: 0 })], { homeUrl: url });
}

describe('security_headers check', () => {
  it('passes with all five protections', () => {
    expect(withHeaders(ALL)).toMatchObject({
      outcome: 'pass',
      value: 5,
      summary: 'En-têtes de sécurité : 5/5',
    });
  });

  it('passes with four, listing the missing one', () => {
    const { 'content-security-policy': _, ...rest } = ALL;
    expect(withHeaders(rest)).toMatchObject({
      outcome: 'pass',
      value: 4,
      summary: 'En-têtes de sécurité : 4/5 (manquants : Content-Security-Policy)',
      details: { missing: ['csp'] },
    });
  });

  it('warns with two or three', () => {
    expect(withHeaders({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' }).outcome).toBe(
      'warn',
    );
  });

  it('fails with one or none', () => {
    expect(withHeaders({ 'x-content-type-options': 'nosniff' })).toMatchObject({ outcome: 'fail', value: 1 });
    expect(withHeaders({})).toMatchObject({ outcome: 'fail', value: 0 });
  });

  it('accepts CSP frame-ancestors in place of X-Frame-Options', () => {
    const { 'x-frame-options': _, ...rest } = ALL;
    expect(withHeaders(rest).value).toBe(5);
  });

  it('does not count HSTS served over http, switched off by max-age=0, a report-only CSP or referrer unsafe-url', () => {
    expect(withHeaders(ALL, 'http://www.ville-exemple.fr/').details).toMatchObject({ missing: ['hsts'] });
    const weak = {
      'strict-transport-security': 'max-age=0',
      'content-security-policy-report-only': "default-src 'self'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'ALLOW-FROM https://example.org',
      'referrer-policy': 'unsafe-url',
    };
    expect(withHeaders(weak).details).toMatchObject({ missing: ['hsts', 'csp', 'framing', 'referrer'] });
  });

  it('reads header names whatever their case', () => {
    expect(withHeaders({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }).value).toBe(
      2,
    );
  });

  it('is unknown when the home page gave no HTTP answer', () => {
    expect(checkResult(securityHeadersCheck, [failedPage(HOME, 'dns_error', null)]).outcome).toBe('unknown');
  });
});
