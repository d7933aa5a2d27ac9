import { describe, expect, it } from 'vitest';
import { checkResult, HOME, portalPage } from '../../../test/support/portal-pages.ts';
import { trackersCheck } from './trackers.ts';

function loading(...resources: string[]) {
  return [portalPage(HOME, { content: { resources } })];
}

describe('trackers check', () => {
  it('fails when a listed third-party tracker loads, and lists them', () => {
    const result = checkResult(
      trackersCheck,
      loading(
        'https://www.googletagmanager.com/gtag/js?id=G-XXXX',
        'https://www.google-analytics.com/analytics.js',
        'https://connect.facebook.net/fr_FR/sdk.js',
      ),
    );
    expect(result).toMatchObject({
      outcome: 'fail',
      value: 3,
      summary:
        'Traceurs tiers : 3 détectés (Facebook / Meta (pixel, modules sociaux), Google Analytics et Google Tag Manager)',
    });
    expect((result.details.trackers as { key: string }[]).map((tracker) => tracker.key)).toEqual([
      'facebook',
      'google-analytics',
      'google-tag-manager',
    ]);
    expect(result.evidence[0]).toEqual({
      url: HOME,
      note: 'Facebook / Meta (pixel, modules sociaux) chargé depuis https://connect.facebook.net/fr_FR/sdk.js',
    });
  });

  it('passes when no listed tracker loads, listing the other third-party hosts for review', () => {
    const result = checkResult(
      trackersCheck,
      loading('https://cdn.jsdelivr.net/npm/tarteaucitronjs/tarteaucitron.js'),
    );
    expect(result).toMatchObject({
      outcome: 'pass',
      value: 0,
      summary: 'Traceurs tiers : aucun détecté',
      details: { otherThirdPartyHosts: ['cdn.jsdelivr.net'] },
    });
  });

  it('counts a standard YouTube embed but not one in youtube-nocookie.com', () => {
    expect(checkResult(trackersCheck, loading('https://www.youtube.com/embed/abc')).outcome).toBe('fail');
    const nocookie = checkResult(trackersCheck, loading('https://www.youtube-nocookie.com/embed/abc'));
    expect(nocookie.outcome).toBe('pass');
    expect(nocookie.details.recognisedNotTrackers).toMatchObject([{ host: 'www.youtube-nocookie.com' }]);
  });

  it('does not count a Matomo on the authority’s own domain, and notes it', () => {
    const result = checkResult(trackersCheck, loading('https://stats.ville-exemple.fr/matomo.js'));
    expect(result).toMatchObject({
      outcome: 'pass',
      summary: 'Traceurs tiers : aucun détecté (Matomo auto-hébergé, non compté)',
      details: { selfHostedMatomo: 'https://stats.ville-exemple.fr/matomo.js' },
    });
  });

  it('counts Matomo hosted by a third party: Matomo Cloud or another domain', () => {
    expect(
      checkResult(trackersCheck, loading('https://cdn.matomo.cloud/villeexemple.matomo.cloud/matomo.js')),
    ).toMatchObject({
      outcome: 'fail',
      details: { trackers: [{ key: 'matomo-cloud' }] },
    });
    expect(checkResult(trackersCheck, loading('https://stats.agence-web.fr/piwik.js'))).toMatchObject({
      outcome: 'fail',
      details: { trackers: [{ name: 'Matomo hébergé par un tiers (stats.agence-web.fr)' }] },
    });
  });

  it('detects trackers on any page, not only the home page', () => {
    const pages = [
      portalPage(HOME),
      portalPage(`${HOME}agenda`, { content: { resources: ['https://static.hotjar.com/c/hotjar-1.js'] } }),
    ];
    expect(checkResult(trackersCheck, pages)).toMatchObject({
      outcome: 'fail',
      evidence: [{ url: `${HOME}agenda` }],
    });
  });

  it('is unknown without any HTML page', () => {
    expect(checkResult(trackersCheck, []).outcome).toBe('unknown');
  });
});
