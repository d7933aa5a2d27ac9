import { describe, expect, it } from 'vitest';
import { authorityIndicators as authority } from '../../test/support/authority-indicators.ts';
import { METHOD_2026_1 } from '../../test/support/indicator-world.ts';
import { editionAggregates, kindAggregates } from './aggregates.rules.ts';

const METHOD = METHOD_2026_1;

const THEMES = [
  { key: 'a', name: 'Alpha' },
  { key: 'b', name: 'Bêta' },
  { key: 'c', name: 'Gamma' },
];

describe('distribution of end-to-end counts', () => {
  it('counts thresholds strictly and bins by the method’s width up to the services that apply', () => {
    const members = [0, 9, 10, 19, 20, 50, 51, 86].map((endToEnd) => authority({ endToEnd }));
    const a = kindAggregates('departement', members, THEMES, METHOD);
    expect(a.endToEnd.moreThan).toEqual([{ threshold: 50, count: 2 }]);
    expect(a.endToEnd.fewerThan).toEqual([
      { threshold: 10, count: 2 },
      { threshold: 20, count: 4 },
    ]);
    expect(a.endToEnd.histogram.bins.map((b) => b.count)).toEqual([2, 2, 1, 0, 0, 2, 0, 0, 1]);
    expect(a.endToEnd.histogram.bins.at(-1)).toMatchObject({ lower: 80, upper: 90 });
    expect(a.endToEnd.summary).toMatchObject({ median: 19.5, min: 0, max: 86, n: 8 });
  });
});

describe('theme coverage', () => {
  it('sorts authorities into at least all but one, two to all but two, and at most one', () => {
    const members = [7, 6, 5, 2, 1, 0].map((themesCovered) => authority({ themesCovered }));
    expect(kindAggregates('departement', members, THEMES, METHOD).coverage).toEqual({
      themesApplicable: 7,
      all: 1,
      allButOne: 2,
      middle: 2,
      low: 2,
    });
  });

  it('gives no common number of themes when authorities differ', () => {
    const members = [
      authority({ themesApplicable: 7 }),
      authority({ themesApplicable: 8, themesCovered: 8 }),
    ];
    expect(kindAggregates('departement', members, THEMES, METHOD).coverage.themesApplicable).toBeNull();
  });
});

describe('theme ranking', () => {
  it('ranks themes by the share of applicable services digitalised, ties sharing a rank, themes that apply to nobody left out', () => {
    const members = [
      authority({
        themeRates: {
          a: { applicable: 2, digitalised: 1, endToEnd: 0 },
          b: { applicable: 4, digitalised: 3, endToEnd: 1 },
        },
      }),
      authority({
        themeRates: {
          a: { applicable: 2, digitalised: 2, endToEnd: 2 },
          b: { applicable: 4, digitalised: 3, endToEnd: 0 },
        },
      }),
    ];
    const themes = kindAggregates('departement', members, THEMES, METHOD).themes;
    // a: 3 / 4 = 75 %; b: 6 / 8 = 75 %: tied. c applies to nobody.
    expect(themes.map((t) => [t.key, t.rank, t.rate, t.covering, t.authorities])).toEqual([
      ['a', 1, 0.75, 2, 2],
      ['b', 1, 0.75, 2, 2],
    ]);
  });
});

describe('correlations', () => {
  // Values chosen without ties, so that Spearman's ρ is 1 − 6Σd² / (n(n² − 1)).
  const population = [
    120_000, 250_000, 90_000, 610_000, 1_400_000, 330_000, 480_000, 75_000, 820_000, 205_000,
  ];
  const endToEnd = [12, 25, 8, 31, 58, 19, 40, 3, 22, 27];
  const revenue = [150e6, 260e6, 130e6, 700e6, 1900e6, 310e6, 520e6, 90e6, 880e6, 240e6];

  const independentPearson = (xs: number[], ys: number[]) => {
    const n = xs.length;
    const sx = xs.reduce((a, b) => a + b, 0);
    const sy = ys.reduce((a, b) => a + b, 0);
    const sxy = xs.reduce((a, x, i) => a + x * (ys[i] as number), 0);
    const sxx = xs.reduce((a, x) => a + x * x, 0);
    const syy = ys.reduce((a, y) => a + y * y, 0);
    return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  };
  const ranksOf = (values: number[]) => values.map((v) => values.filter((w) => w < v).length + 1);
  const independentSpearman = (xs: number[], ys: number[]) => {
    const rx = ranksOf(xs);
    const ry = ranksOf(ys);
    const n = xs.length;
    const d2 = rx.reduce((a, r, i) => a + (r - (ry[i] as number)) ** 2, 0);
    return 1 - (6 * d2) / (n * (n * n - 1));
  };

  it('correlates digitalisation with population, revenue and revenue per inhabitant, dropping missing values', () => {
    const members = population.map((p, i) =>
      authority({
        population: p,
        endToEnd: endToEnd[i] as number,
        index: (endToEnd[i] as number) * 1.5,
        operatingRevenue: revenue[i] as number,
        revenuePerInhabitant: (revenue[i] as number) / p,
      }),
    );
    // An eleventh authority without population or revenue: dropped from every pair.
    members.push(authority({ endToEnd: 70 }));
    const a = kindAggregates('departement', members, THEMES, METHOD);
    expect(a.withPopulation).toBe(10);
    const find = (x: string, y: string) => a.correlations.find((c) => c.x === x && c.y === y);
    const popE2e = find('population', 'end_to_end');
    expect(popE2e?.pearson).toMatchObject({ status: 'ok', n: 10, dropped: 1 });
    expect(popE2e?.pearson.status === 'ok' && popE2e.pearson.coefficient).toBeCloseTo(
      independentPearson(population, endToEnd),
      12,
    );
    expect(popE2e?.spearman.status === 'ok' && popE2e.spearman.coefficient).toBeCloseTo(
      independentSpearman(population, endToEnd),
      12,
    );
    const perInhabitant = population.map((p, i) => (revenue[i] as number) / p);
    const perIndex = find('revenue_per_inhabitant', 'index');
    expect(perIndex?.pearson.status === 'ok' && perIndex.pearson.coefficient).toBeCloseTo(
      independentPearson(
        perInhabitant,
        endToEnd.map((e) => e * 1.5),
      ),
      12,
    );
    expect(a.correlations).toHaveLength(6);
    expect(popE2e?.regression).toMatchObject({ status: 'ok', n: 10 });
  });

  it('says a correlation is not computable rather than inventing one', () => {
    const a = kindAggregates(
      'departement',
      [authority({ population: 1 }), authority({ population: 2 })],
      THEMES,
      METHOD,
    );
    expect(a.correlations[0]?.pearson).toMatchObject({
      status: 'not_computable',
      reason: 'too_few_observations',
    });
  });
});

describe('edition aggregates', () => {
  it('has one section per kind present, in the usual order, and names every authority tied for the best index', () => {
    const aggregates = editionAggregates(
      [
        authority({ kind: 'commune', index: 40 }),
        authority({ kind: 'departement', index: 70, name: 'Ain' }),
        authority({ kind: 'departement', index: 70, name: 'Aisne' }),
        authority({ kind: 'departement', index: 20 }),
      ],
      THEMES,
      METHOD,
    );
    expect(aggregates.kinds.map((k) => k.kind)).toEqual(['departement', 'commune']);
    expect(aggregates.kinds[0]?.index.best.map((b) => b.name)).toEqual(['Ain', 'Aisne']);
  });
});
