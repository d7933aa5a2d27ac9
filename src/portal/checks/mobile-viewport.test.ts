import { describe, expect, it } from 'vitest';
import { checkResult, failedPage, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { mobileViewportCheck } from './mobile-viewport.ts';

/** Home first, then other pages; `true` means a responsive viewport. */
function site(home: boolean, ...others: boolean[]) {
  return [home, ...others].map((hasResponsiveViewport, i) =>
    portalPage(i === 0 ? HOME : `${HOME}page-${i}`, { content: { hasResponsiveViewport } }),
  );
}

describe('mobile_viewport check', () => {
  it('passes when the home page and at least 90 % of pages declare a responsive viewport', () => {
    const result = checkResult(mobileViewportCheck, site(true, ...Array(9).fill(true), false));
    expect(result).toMatchObject({
      outcome: 'pass',
      details: { homeResponsive: true, responsivePages: 10, pages: 11 },
    });
  });

  it('warns when the home page does but fewer than 90 % of pages do', () => {
    const result = checkResult(mobileViewportCheck, site(true, true, false, false));
    expect(result).toMatchObject({ outcome: 'warn', value: 0.5 });
    expect(result.summary).toBe(
      'Affichage adapté aux mobiles : page d’accueil adaptée, 50 % des pages adaptées',
    );
  });

  it('fails when the home page does not, however many others do', () => {
    expect(checkResult(mobileViewportCheck, site(false, ...Array(20).fill(true))).outcome).toBe('fail');
  });

  it('judges on the share of pages when the home page could not be parsed', () => {
    const pages = [failedPage(HOME, 'server_error', 500), ...site(true, true).slice(1)];
    expect(checkResult(mobileViewportCheck, pages)).toMatchObject({
      outcome: 'pass',
      details: { homeResponsive: null },
    });
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(mobileViewportCheck, []).outcome).toBe('unknown');
  });
});
