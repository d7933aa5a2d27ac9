import { describe, expect, it } from 'vitest';
import {
  type Correlation,
  type CorrelationResult,
  pearson,
  regressionLine,
  spearman,
} from './correlation.ts';

// Anscombe, F. J. (1973). Graphs in statistical analysis. The American Statistician 27(1), 17–21:
// data set I; the paper states r = 0.82 and the fitted line y = 3.00 + 0.500 x.
const ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const ANSCOMBE_Y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

// Wikipedia, « Spearman's rank correlation coefficient », worked example (IQ vs hours of TV per
// week, 10 people): ρ = −29/165 = −0.175757…, p = 0.627188 with the t distribution.
const IQ = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
const TV_HOURS = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

function ok(result: CorrelationResult): Correlation {
  if (result.status !== 'ok') throw new Error(`attendu un résultat, reçu ${result.reason}`);
  return result;
}

/** Reference Pearson r from raw sums, the "computational formula" (written differently on purpose). */
function pearsonFromRawSums(xs: number[], ys: number[]): number {
  const n = xs.length;
  const sx = xs.reduce((a, b) => a + b, 0);
  const sy = ys.reduce((a, b) => a + b, 0);
  const sxx = xs.reduce((a, b) => a + b * b, 0);
  const syy = ys.reduce((a, b) => a + b * b, 0);
  const sxy = xs.reduce((a, x, i) => a + x * (ys[i] as number), 0);
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

/** Average ranks by counting: rank = #{v < x} + (#{v = x} + 1) / 2. */
function countRanks(values: number[]): number[] {
  return values.map(
    (x) => values.filter((v) => v < x).length + (values.filter((v) => v === x).length + 1) / 2,
  );
}

/**
 * Spearman with the tie correction of Siegel & Castellan (1988), Nonparametric Statistics for
 * the Behavioral Sciences, 2nd ed., eq. 9.7: ρ = (Σx² + Σy² − Σd²) / (2 √(Σx² Σy²)), with
 * Σx² = (n³ − n)/12 − Σ(t³ − t)/12 over groups of t tied values.
 */
function spearmanSiegelCastellan(xs: number[], ys: number[]): number {
  const n = xs.length;
  const tieTerm = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    let t = 0;
    for (const c of counts.values()) t += (c ** 3 - c) / 12;
    return (n ** 3 - n) / 12 - t;
  };
  const rx = countRanks(xs);
  const ry = countRanks(ys);
  const d2 = rx.reduce((a, r, i) => a + (r - (ry[i] as number)) ** 2, 0);
  const sx = tieTerm(xs);
  const sy = tieTerm(ys);
  return (sx + sy - d2) / (2 * Math.sqrt(sx * sy));
}

describe('pearson', () => {
  it('reproduces Anscombe’s data set I: r = 0.8164, p = 0.00217, IC 95 % [0.4244 ; 0.9507]', () => {
    const result = ok(pearson(ANSCOMBE_X, ANSCOMBE_Y));
    expect(result.coefficient).toBeCloseTo(0.82, 2);
    // R: cor.test(anscombe$x1, anscombe$y1) prints t = 4.2415, df = 9, p-value = 0.00217,
    // 95 percent confidence interval 0.4243912 0.9506933, cor 0.8164205 (SciPy 1.17 agrees).
    expect(result.coefficient).toBeCloseTo(0.8164205, 7);
    expect(result.pValue).toBeCloseTo(0.0021696, 6);
    expect(result.ci95?.lower).toBeCloseTo(0.4243912, 6);
    expect(result.ci95?.upper).toBeCloseTo(0.9506933, 6);
    expect(result).toMatchObject({ method: 'pearson', n: 11, dropped: 0 });
  });

  it('agrees with the raw-sums formula on assorted data, including negative correlations', () => {
    const cases: [number[], number[]][] = [
      [ANSCOMBE_X, ANSCOMBE_Y],
      [
        [1, 2, 3, 4, 5, 6],
        [9.5, 7.1, 7.3, 4.0, 2.2, 0.4],
      ],
      [
        [3, 1, 4, 1, 5, 9, 2, 6],
        [2, 7, 1, 8, 2, 8, 1, 8],
      ],
    ];
    for (const [xs, ys] of cases)
      expect(ok(pearson(xs, ys)).coefficient).toBeCloseTo(pearsonFromRawSums(xs, ys), 12);
    expect(ok(pearson(cases[1]?.[0] ?? [], cases[1]?.[1] ?? [])).coefficient).toBeLessThan(-0.95);
  });

  it('derives p from t = r √((n − 2)/(1 − r²)) and the interval from Fisher’s z with se = 1/√(n − 3)', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const ys = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];
    const result = ok(pearson(xs, ys));
    const r = result.coefficient;
    const z = Math.atanh(r);
    const half = 1.959963984540054 / Math.sqrt(xs.length - 3);
    expect(result.ci95?.lower).toBeCloseTo(Math.tanh(z - half), 12);
    expect(result.ci95?.upper).toBeCloseTo(Math.tanh(z + half), 12);
  });

  it('handles n = 3: r = 0.5 gives p = 2/3 exactly (t = 1/√3, df = 1, Cauchy) and no interval', () => {
    const result = ok(pearson([1, 2, 3], [1, 3, 2]));
    expect(result.coefficient).toBeCloseTo(0.5, 14);
    expect(result.pValue).toBeCloseTo(2 / 3, 12);
    expect(result.ci95).toBeNull();
  });

  it('drops incomplete pairs pairwise and reports how many', () => {
    const result = ok(pearson([...ANSCOMBE_X, null, 3], [...ANSCOMBE_Y, 2, undefined]));
    expect(result).toMatchObject({ n: 11, dropped: 2 });
    expect(result.coefficient).toBeCloseTo(0.8164205, 7);
  });

  it('is not computable below 3 complete pairs', () => {
    expect(pearson([1, 2, null], [1, 2, 3])).toMatchObject({
      status: 'not_computable',
      reason: 'too_few_observations',
    });
    expect(pearson([], [])).toMatchObject({ status: 'not_computable', reason: 'too_few_observations' });
  });

  it('is not computable when one variable does not vary, even with rounding noise in its mean', () => {
    expect(pearson([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4])).toMatchObject({
      status: 'not_computable',
      reason: 'zero_variance',
    });
    expect(spearman([1, 2, 3], [5, 5, 5])).toMatchObject({
      status: 'not_computable',
      reason: 'zero_variance',
    });
  });

  it('gives r = ±1 with p = 0 and a degenerate interval for perfectly collinear data', () => {
    const up = ok(pearson([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]));
    expect(up.coefficient).toBe(1);
    expect(up.pValue).toBe(0);
    expect(up.ci95).toEqual({ lower: 1, upper: 1 });
    expect(ok(pearson([1, 2, 3, 4], [4, 3, 2, 1])).coefficient).toBe(-1);
  });

  it('refuses samples of different lengths and non-finite values', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, 2, 3, Number.NaN], [1, 2, 3, null])).toThrow(RangeError);
  });
});

describe('spearman', () => {
  it('reproduces the IQ / television example: ρ = −29/165, p = 0.627188 (negative correlation)', () => {
    const result = ok(spearman(IQ, TV_HOURS));
    expect(result.coefficient).toBeCloseTo(-29 / 165, 12);
    expect(result.pValue).toBeCloseTo(0.627188, 6);
    expect(result.method).toBe('spearman');
  });

  it('equals 1 − 6Σd²/(n(n² − 1)) when there are no ties', () => {
    const n = IQ.length;
    const rx = countRanks(IQ);
    const ry = countRanks(TV_HOURS);
    const d2 = rx.reduce((a, r, i) => a + (r - (ry[i] as number)) ** 2, 0);
    expect(ok(spearman(IQ, TV_HOURS)).coefficient).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 12);
  });

  it('gives tied values their average rank (Siegel & Castellan tie-corrected formula)', () => {
    const cases: [number[], number[]][] = [
      [
        [1, 2, 2, 3, 4, 4, 4, 5],
        [2, 1, 3, 3, 5, 4, 6, 6],
      ],
      [
        [0, 0, 1, 1, 2, 2, 3, 4, 4, 4],
        [4, 4, 4, 3, 3, 2, 2, 1, 0, 0],
      ],
    ];
    for (const [xs, ys] of cases) {
      expect(ok(spearman(xs, ys)).coefficient).toBeCloseTo(spearmanSiegelCastellan(xs, ys), 12);
    }
    // SciPy 1.17 spearmanr on the first case: 0.9007775105, p = 0.0022640091.
    const first = ok(spearman(cases[0]?.[0] ?? [], cases[0]?.[1] ?? []));
    expect(first.coefficient).toBeCloseTo(0.9007775105, 9);
    expect(first.pValue).toBeCloseTo(0.0022640091, 9);
  });

  it('is invariant under monotone transformations (ranks only)', () => {
    const xs = [1, 5, 2, 8, 3, 9, 4];
    const ys = [2, 3, 1, 7, 4, 8, 6];
    const base = ok(spearman(xs, ys)).coefficient;
    expect(
      ok(
        spearman(
          xs.map(Math.exp),
          ys.map((y) => y ** 3),
        ),
      ).coefficient,
    ).toBeCloseTo(base, 12);
  });

  it('uses Fisher’s z with the Bonett–Wright variance (1 + ρ²/2)/(n − 3) for its interval', () => {
    const result = ok(spearman(IQ, TV_HOURS));
    const rho = result.coefficient;
    const se = Math.sqrt((1 + (rho * rho) / 2) / (IQ.length - 3));
    expect(result.ci95?.lower).toBeCloseTo(Math.tanh(Math.atanh(rho) - 1.959963984540054 * se), 12);
    expect(result.ci95?.upper).toBeCloseTo(Math.tanh(Math.atanh(rho) + 1.959963984540054 * se), 12);
  });
});

describe('regressionLine', () => {
  it('fits Anscombe’s data set I: y = 3.00 + 0.500 x, r² = 0.667', () => {
    const line = regressionLine(ANSCOMBE_X, ANSCOMBE_Y);
    if (line.status !== 'ok') throw new Error('attendu une droite');
    expect(line.intercept).toBeCloseTo(3.0, 2);
    expect(line.slope).toBeCloseTo(0.5, 3);
    // Exact least-squares values: Sxy = 55.01, Sxx = 110, ȳ = 82.51/11.
    expect(line.slope).toBeCloseTo(55.01 / 110, 12);
    expect(line.intercept).toBeCloseTo(82.51 / 11 - (55.01 / 110) * 9, 12);
    expect(line.rSquared).toBeCloseTo(0.8164205 ** 2, 6);
  });

  it('minimises the residual sum of squares: nudging slope or intercept increases it', () => {
    const line = regressionLine(ANSCOMBE_X, ANSCOMBE_Y);
    if (line.status !== 'ok') throw new Error('attendu une droite');
    const rss = (a: number, b: number) =>
      ANSCOMBE_X.reduce((sum, x, i) => sum + ((ANSCOMBE_Y[i] as number) - a - b * x) ** 2, 0);
    const best = rss(line.intercept, line.slope);
    for (const [da, db] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.001],
      [0, -0.001],
    ] as const) {
      expect(rss(line.intercept + da, line.slope + db)).toBeGreaterThan(best);
    }
  });

  it('passes through two points and has a negative slope for a decreasing relation', () => {
    expect(regressionLine([0, 2], [5, 1])).toMatchObject({ status: 'ok', slope: -2, intercept: 5, n: 2 });
  });

  it('is not computable with fewer than 2 pairs or constant x; r² is null when y is constant', () => {
    expect(regressionLine([1], [2])).toMatchObject({
      status: 'not_computable',
      reason: 'too_few_observations',
    });
    expect(regressionLine([3, 3, 3], [1, 2, 3])).toMatchObject({
      status: 'not_computable',
      reason: 'zero_variance',
    });
    expect(regressionLine([1, 2, 3], [4, 4, 4])).toMatchObject({
      status: 'ok',
      slope: 0,
      intercept: 4,
      rSquared: null,
    });
  });
});
