import { describe, expect, it } from 'vitest';
import { METHOD_2026_1 } from '../../test/support/indicator-world.ts';
import {
  applicabilityOf,
  authorityScores,
  compositeIndex,
  portalScore,
  roundTo,
} from './authority-indicators.rules.ts';

const METHOD = METHOD_2026_1;

const REFERENTIAL = {
  themes: [
    { key: 'a', name: 'A' },
    { key: 'b', name: 'B' },
    { key: 'c', name: 'C' },
  ],
  services: [
    { id: 1, themeKey: 'a', appliesTo: ['departement'] },
    { id: 2, themeKey: 'a', appliesTo: ['departement', 'commune'] },
    { id: 3, themeKey: 'b', appliesTo: ['departement'] },
    { id: 4, themeKey: 'c', appliesTo: ['commune'] },
  ],
};

describe('applicability', () => {
  it('keeps the services whose competences the authority exercises, and the themes that have one', () => {
    const departement = applicabilityOf(REFERENTIAL, ['departement']);
    expect([...departement.servicesByTheme]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(departement.services).toBe(3);
    const commune = applicabilityOf(REFERENTIAL, ['commune']);
    expect([...commune.servicesByTheme]).toEqual([
      ['a', 1],
      ['c', 1],
    ]);
    expect(applicabilityOf(REFERENTIAL, ['region']).services).toBe(0);
  });
});

describe('portal score', () => {
  it('averages the points of conclusive checks over 100', () => {
    expect(portalScore({ pass: 3, warn: 1, fail: 1 }, METHOD.portal.points)).toEqual({
      score: 70,
      checks: 5,
    });
  });
  it('is unknown without a conclusive check', () => {
    expect(portalScore({ pass: 0, warn: 0, fail: 0 }, METHOD.portal.points)).toEqual({
      score: null,
      checks: 0,
    });
  });
});

describe('composite index', () => {
  it('weights the components and rounds half up to the published decimal', () => {
    // 40·0.5 + 25·0.75 + 20·1 + 15·0.25 = 62.5
    expect(
      compositeIndex(
        { end_to_end: 0.5, digitalised: 0.75, themes_covered: 1, portal_quality: 0.25 },
        METHOD.index,
      ),
    ).toEqual({ index: 62.5, partial: false });
    expect(roundTo(62.25, 1)).toBe(62.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
  });

  it('reweights over the present components when one is unknown, and says so', () => {
    // (40·0.5 + 25·0.75 + 20·1) / 85 × 100 = 58.75 / 0.85 = 69.12 → 69.1
    expect(
      compositeIndex(
        { end_to_end: 0.5, digitalised: 0.75, themes_covered: 1, portal_quality: null },
        METHOD.index,
      ),
    ).toEqual({ index: 69.1, partial: true });
  });
});

describe('authority scores', () => {
  const departement = applicabilityOf(REFERENTIAL, ['departement']);

  it('counts services never assessed at level 0 and themes by their applicable services only', () => {
    const scores = authorityScores({
      applicability: departement,
      levels: [0, 0, 0, 1, 0],
      themes: new Map([['a', { digitalised: 1, endToEnd: 0 }]]),
      portal: { pass: 2, warn: 0, fail: 2 },
      hasWebsite: true,
      method: METHOD,
    });
    expect(scores).toMatchObject({
      servicesApplicable: 3,
      servicesAssessed: 1,
      levels: [2, 0, 0, 1, 0],
      endToEnd: 0,
      partial: 1,
      themesApplicable: 2,
      themesCovered: 1,
      portalScore: 50,
      themeRates: {
        a: { applicable: 2, digitalised: 1, endToEnd: 0 },
        b: { applicable: 1, digitalised: 0, endToEnd: 0 },
      },
    });
    // 25·1/3 + 20·1/2 + 15·0.5 = 25.83 → 25.8
    expect(scores.index).toBe(25.8);
  });

  it('gives a portal score of 0 to an authority without any website, and leaves it unknown for one never audited', () => {
    const input = {
      applicability: departement,
      levels: [0, 0, 0, 0, 0] as const,
      themes: new Map(),
      portal: null,
      method: METHOD,
    };
    expect(authorityScores({ ...input, hasWebsite: false })).toMatchObject({ index: 0, indexPartial: false });
    expect(authorityScores({ ...input, hasWebsite: true })).toMatchObject({ index: 0, indexPartial: true });
  });

  it('refuses more assessments than applicable services, or more digitalised than a theme has (query bugs, not data)', () => {
    expect(() =>
      authorityScores({
        applicability: departement,
        levels: [1, 1, 1, 1, 0],
        themes: new Map(),
        portal: null,
        hasWebsite: true,
        method: METHOD,
      }),
    ).toThrow(RangeError);
    expect(() =>
      authorityScores({
        applicability: departement,
        levels: [0, 0, 2, 0, 0],
        themes: new Map([['b', { digitalised: 2, endToEnd: 0 }]]),
        portal: null,
        hasWebsite: true,
        method: METHOD,
      }),
    ).toThrow(RangeError);
  });
});
