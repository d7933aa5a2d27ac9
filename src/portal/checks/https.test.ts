import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { httpsCheck } from './https.ts';

describe('https check', () => {
  it('passes when the home page ends on an https:// URL', () => {
    const result = checkResult(httpsCheck, [portalPage(HOME)]);
    expect(result).toMatchObject({
      outcome: 'pass',
      value: HOME,
      summary: 'Connexion sécurisée (HTTPS) : page d’accueil servie en HTTPS',
    });
  });

  it('passes when the home URL redirects to https', () => {
    const home = 'http://www.ville-exemple.fr/';
    const page = portalPage(home, { finalUrl: HOME, redirectChain: [home, HOME], depth: 0 });
    expect(checkResult(httpsCheck, [page], { homeUrl: home }).outcome).toBe('pass');
  });

  it('fails when the home page is served over plain http', () => {
    const home = 'http://www.ville-exemple.fr/';
    const result = checkResult(httpsCheck, [portalPage(home, { depth: 0 })], { homeUrl: home });
    expect(result.outcome).toBe('fail');
    expect(result.summary).toContain('sans chiffrement');
  });

  it('fails when the TLS connection is refused (invalid or expired certificate)', () => {
    expect(checkResult(httpsCheck, [failedPage(HOME, 'tls_error', null)]).outcome).toBe('fail');
  });

  it('is unknown when the home page gave no HTTP answer at all', () => {
    const result = checkResult(httpsCheck, [failedPage(HOME, 'timeout', null)]);
    expect(result).toMatchObject({ outcome: 'unknown', details: { status: 'timeout' } });
  });

  it('is unknown when the home page was not crawled', () => {
    expect(checkResult(httpsCheck, [portalPage('https://www.ville-exemple.fr/contact')]).outcome).toBe(
      'unknown',
    );
  });
});
