import { describe, expect, it } from 'vitest';
import { checkResult, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { httpsRedirectCheck } from './https-redirect.ts';

const probeUrl = 'http://www.ville-exemple.fr/';

describe('https_redirect check', () => {
  it('passes when the http:// probe redirects to https', () => {
    const result = checkResult(httpsRedirectCheck, [portalPage(HOME)], {
      httpProbe: { url: probeUrl, redirectsTo: HOME },
    });
    expect(result).toMatchObject({ outcome: 'pass', value: HOME, details: { sameSite: true } });
  });

  it('notes a redirect to another site', () => {
    const result = checkResult(httpsRedirectCheck, [], {
      httpProbe: { url: probeUrl, redirectsTo: 'https://www.agglo-exemple.fr/' },
    });
    expect(result).toMatchObject({ outcome: 'pass', details: { sameSite: false } });
  });

  it('fails when the http:// version answers without redirecting', () => {
    const result = checkResult(httpsRedirectCheck, [], { httpProbe: { url: probeUrl, redirectsTo: null } });
    expect(result.outcome).toBe('fail');
  });

  it('fails when the redirect stays on http', () => {
    const result = checkResult(httpsRedirectCheck, [], {
      httpProbe: { url: probeUrl, redirectsTo: 'http://www.ville-exemple.fr/accueil' },
    });
    expect(result.outcome).toBe('fail');
  });

  it('is unknown when the pipeline did not probe http://', () => {
    expect(checkResult(httpsRedirectCheck, [portalPage(HOME)])).toMatchObject({
      outcome: 'unknown',
      summary: 'Redirection de HTTP vers HTTPS : non testée',
    });
  });
});
