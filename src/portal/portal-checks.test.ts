import { describe, expect, it } from 'vitest';
import { failedPage, HOME, portalPage } from '../../test/support/portal-pages.ts';
import type { CrawledPage } from '../crawl/crawl.types.ts';
import { PORTAL_CHECK_KEYS, PORTAL_CHECK_LABELS, type PortalCheck, type PortalPage } from './portal.types.ts';
import { createPortalAccumulator, runPortalChecks } from './portal-checks.ts';
import { PORTAL_CHECKS } from './registry.ts';

/** A small but complete site: every check has something to judge. */
function sampleSite(): PortalPage[] {
  return [
    portalPage(HOME, {
      elapsedMs: 350,
      headers: { 'strict-transport-security': 'max-age=63072000', 'x-content-type-options': 'nosniff' },
      content: {
        links: [
          { href: `${HOME}accessibilite`, text: 'Accessibilité : partiellement conforme' },
          { href: `${HOME}mentions-legales`, text: 'Mentions légales' },
          { href: `${HOME}contact`, text: 'Nous contacter' },
          { href: `${HOME}ancienne-page`, text: 'Ancienne page' },
          { href: 'https://www.service-public.fr/', text: 'Service-public.fr' },
        ],
        forms: [
          {
            action: `${HOME}recherche`,
            method: 'get',
            fields: [],
            hasFileUpload: false,
            hasSubmit: true,
            isSearch: true,
          },
        ],
        resources: [
          'https://www.googletagmanager.com/gtag/js?id=G-1',
          'https://stats.ville-exemple.fr/matomo.js',
        ],
      },
    }),
    portalPage(`${HOME}accessibilite`, {
      elapsedMs: 1_400,
      bytes: 80_000,
      content: {
        title: 'Déclaration d’accessibilité',
        text: 'Cette déclaration … Le site est en conformité partielle avec le RGAA 4.1 … 68,42 % des critères sont respectés.',
      },
    }),
    portalPage(`${HOME}mentions-legales`, { elapsedMs: 500, content: { hasResponsiveViewport: false } }),
    portalPage(`${HOME}contact`, { elapsedMs: 600 }),
    failedPage(`${HOME}ancienne-page`, 'not_found', 404),
  ];
}

const probe = { url: 'http://www.ville-exemple.fr/', redirectsTo: HOME };

describe('portal checks', () => {
  it('has one check per key, in the order of PORTAL_CHECK_KEYS, each with a French label', () => {
    expect(PORTAL_CHECKS.map((check) => check.key)).toEqual([...PORTAL_CHECK_KEYS]);
    for (const key of PORTAL_CHECK_KEYS) expect(PORTAL_CHECK_LABELS[key]).toMatch(/^[A-ZÀ-Ý]/);
  });

  it('accepts crawled pages as they are', () => {
    const asPortalPage = (page: CrawledPage): PortalPage => page;
    expect(asPortalPage).toBeTypeOf('function');
  });

  it('gives one result per check, labelled and summarised in French', () => {
    const results = runPortalChecks({ homeUrl: HOME, pages: sampleSite(), httpProbe: probe });
    expect(Object.fromEntries(results.map((result) => [result.key, result.outcome]))).toEqual({
      https: 'pass',
      https_redirect: 'pass',
      response_time: 'pass',
      page_weight: 'pass',
      mobile_viewport: 'warn',
      accessibility_statement: 'warn',
      legal_notice: 'pass',
      contact_page: 'pass',
      site_search: 'pass',
      trackers: 'fail',
      broken_links: 'fail',
      security_headers: 'warn',
    });
    for (const result of results) expect(result.summary.startsWith(`${result.label} : `)).toBe(true);
    expect(results.find((result) => result.key === 'accessibility_statement')?.summary).toBe(
      'Déclaration d’accessibilité : partiellement conforme (68,42 %)',
    );
  });

  it('gives the same results fed page by page as in one batch, whatever the order of pages', () => {
    const batch = runPortalChecks({ homeUrl: HOME, pages: sampleSite(), httpProbe: probe });
    const accumulator = createPortalAccumulator(HOME);
    for (const page of sampleSite().reverse()) accumulator.add(page);
    accumulator.recordHttpProbe(probe);
    expect(accumulator.results()).toEqual(batch);
  });

  it('keeps no page: results can be asked for again, and change only as pages are added', () => {
    const accumulator = createPortalAccumulator(HOME);
    const [first, ...rest] = sampleSite();
    accumulator.add(first as PortalPage);
    const early = accumulator.results();
    expect(accumulator.results()).toEqual(early);
    for (const page of rest) accumulator.add(page);
    accumulator.recordHttpProbe(probe);
    expect(accumulator.results()).toEqual(
      runPortalChecks({ homeUrl: HOME, pages: sampleSite(), httpProbe: probe }),
    );
  });

  it('makes a check that throws unknown, with the error, without sinking the others', () => {
    const throwsOnAdd: PortalCheck = {
      key: 'trackers',
      start: () => ({
        add: () => {
          throw new Error('boom');
        },
        finish: () => {
          throw new Error('never reached');
        },
      }),
    };
    const throwsOnFinish: PortalCheck = {
      key: 'site_search',
      start: () => ({
        add() {},
        finish: () => {
          throw new TypeError('bad state');
        },
      }),
    };
    const throwsOnStart: PortalCheck = {
      key: 'contact_page',
      start: () => {
        throw new Error('no start');
      },
    };
    const checks = [
      throwsOnAdd,
      ...PORTAL_CHECKS.filter((check) => check.key === 'https'),
      throwsOnFinish,
      throwsOnStart,
    ];
    const results = runPortalChecks({ homeUrl: HOME, pages: sampleSite() }, { checks });
    expect(results.map((result) => [result.key, result.outcome])).toEqual([
      ['trackers', 'unknown'],
      ['https', 'pass'],
      ['site_search', 'unknown'],
      ['contact_page', 'unknown'],
    ]);
    expect(results[0]).toMatchObject({
      summary: 'Traceurs tiers : vérification impossible (erreur interne)',
      details: { error: 'boom', phase: 'add', pageUrl: HOME },
    });
    expect(results[2]?.details).toMatchObject({
      error: 'bad state',
      errorName: 'TypeError',
      phase: 'finish',
    });
    expect(results[3]?.details).toMatchObject({ error: 'no start', phase: 'start' });
  });

  it('makes only the trackers check unknown when the tracker list cannot be read', () => {
    const results = runPortalChecks(
      { homeUrl: HOME, pages: sampleSite() },
      {
        trackers: new Proxy({} as never, {
          get() {
            throw new Error('catalogue illisible');
          },
        }),
      },
    );
    expect(results.filter((result) => result.outcome === 'unknown').map((result) => result.key)).toEqual([
      'https_redirect',
      'trackers',
    ]);
  });

  it('is unknown everywhere for a site that did not answer', () => {
    const results = runPortalChecks({ homeUrl: HOME, pages: [failedPage(HOME, 'dns_error', null)] });
    expect(new Set(results.map((result) => result.outcome))).toEqual(new Set(['unknown']));
  });
});
