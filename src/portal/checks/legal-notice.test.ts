import { describe, expect, it } from 'vitest';
import { checkResult, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { legalNoticeCheck } from './legal-notice.ts';

describe('legal_notice check', () => {
  it('passes on a « Mentions légales » link from the home page', () => {
    const result = checkResult(legalNoticeCheck, [
      portalPage(HOME, { content: { links: [{ href: `${HOME}infos`, text: 'MENTIONS LÉGALES' }] } }),
    ]);
    expect(result).toMatchObject({
      outcome: 'pass',
      value: `${HOME}infos`,
      details: { linkedFromHome: true },
    });
  });

  it('passes on a page titled « Mentions légales » or at /mentions-legales, noting the home page does not link to it', () => {
    const result = checkResult(legalNoticeCheck, [portalPage(HOME), portalPage(`${HOME}mentions-legales`)]);
    expect(result).toMatchObject({
      outcome: 'pass',
      value: `${HOME}mentions-legales`,
      details: { linkedFromHome: false },
    });
    expect(result.summary).toBe('Mentions légales : présentes, mais pas de lien depuis la page d’accueil');
  });

  it('fails when neither a link nor a page is found', () => {
    const result = checkResult(legalNoticeCheck, [
      portalPage(HOME, { content: { links: [{ href: `${HOME}legal`, text: 'Plan du site' }] } }),
    ]);
    expect(result).toMatchObject({ outcome: 'fail', summary: 'Mentions légales : introuvables' });
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(legalNoticeCheck, []).outcome).toBe('unknown');
  });
});
