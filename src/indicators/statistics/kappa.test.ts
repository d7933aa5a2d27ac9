import { describe, expect, it } from 'vitest';
import {
  agreementWeights,
  cohenKappa,
  contingencyTable,
  type Kappa,
  type KappaResult,
  type KappaWeighting,
  kappaFromTable,
  type RatingPair,
} from './kappa.ts';

const LEVELS = [0, 1, 2, 3, 4] as const;
type Level = (typeof LEVELS)[number];

function ok(result: KappaResult): Kappa {
  if (result.status !== 'ok') throw new Error(`attendu un kappa, reçu ${result.reason}`);
  return result;
}

function pairsOf(first: Level[], second: Level[]): RatingPair<Level>[] {
  return first.map((f, i) => ({ first: f, second: second[i] as Level }));
}

/** Rating pairs reproducing a table of counts, first rater in rows. */
function pairsFromTable(counts: number[][]): RatingPair<Level>[] {
  const pairs: RatingPair<Level>[] = [];
  counts.forEach((row, i) => {
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) pairs.push({ first: i as Level, second: j as Level });
    });
  });
  return pairs;
}

/** κ as a plain function of the cell proportions, for the delta-method reference below. */
function kappaOfProportions(p: number[][], w: number[][]): number {
  const k = p.length;
  const total = p.flat().reduce((a, b) => a + b, 0);
  const q = p.map((row) => row.map((v) => v / total));
  const rows = q.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = q[0]?.map((_, j) => q.reduce((s, row) => s + (row[j] as number), 0)) ?? [];
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      po += (w[i]?.[j] as number) * (q[i]?.[j] as number);
      pe += (w[i]?.[j] as number) * (rows[i] as number) * (cols[j] as number);
    }
  }
  return (po - pe) / (1 - pe);
}

/**
 * Independent reference for the standard error: the delta method on the multinomial cell
 * proportions, var(κ̂) ≈ (1/n)[Σ p g² − (Σ p g)²] with g = ∂κ/∂p_ij taken by central finite
 * differences. Fleiss, Cohen & Everitt (1969) derived their closed form this way.
 */
function deltaMethodStandardError(counts: number[][], w: number[][]): number {
  const n = counts.flat().reduce((a, b) => a + b, 0);
  const p = counts.map((row) => row.map((c) => c / n));
  const h = 1e-6;
  let mean = 0;
  let meanSquare = 0;
  p.forEach((row, i) => {
    row.forEach((pij, j) => {
      const plus = p.map((r) => [...r]);
      const minus = p.map((r) => [...r]);
      (plus[i] as number[])[j] = pij + h;
      (minus[i] as number[])[j] = pij - h;
      const g = (kappaOfProportions(plus, w) - kappaOfProportions(minus, w)) / (2 * h);
      mean += pij * g;
      meanSquare += pij * g * g;
    });
  });
  return Math.sqrt((meanSquare - mean * mean) / n);
}

// A plausible crawler-vs-analyst table over levels 0–4 (rows: crawler, columns: analyst).
const LEVEL_TABLE = [
  [30, 4, 2, 0, 0],
  [5, 22, 6, 1, 0],
  [1, 7, 25, 5, 1],
  [0, 1, 4, 18, 3],
  [0, 0, 1, 2, 12],
];

describe('cohenKappa, unweighted', () => {
  it('reproduces the 2 × 2 textbook example: p_o = 0.7, p_e = 0.5, κ = 0.4', () => {
    // Wikipedia, « Cohen's kappa », simple example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const result = ok(
      kappaFromTable(
        [
          [20, 5],
          [10, 15],
        ],
        agreementWeights(2, 'unweighted'),
        { weighting: 'unweighted' },
      ),
    );
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('reproduces Cohen’s (1968) psychiatric-diagnosis example: κ = .492', () => {
    // Cohen, J. (1968). Weighted kappa. Psychological Bulletin 70(4), 213–220, Table 1, N = 200
    // (proportions as in the psych R package's cohen.kappa example, which restates « .492 »).
    const proportions = [
      [0.44, 0.07, 0.09],
      [0.05, 0.2, 0.05],
      [0.01, 0.03, 0.06],
    ];
    const result = ok(kappaFromTable(proportions, agreementWeights(3, 'unweighted'), { n: 200 }));
    expect(result.kappa).toBeCloseTo(0.492, 3);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.41, 12);
  });

  it('gives κ = 1 with zero standard error for perfect agreement', () => {
    const ratings: Level[] = [0, 1, 2, 3, 4, 4, 2, 0];
    const result = ok(cohenKappa(pairsOf(ratings, ratings), LEVELS));
    expect(result.kappa).toBe(1);
    expect(result.standardError).toBeCloseTo(0, 12);
    expect(result.ci95).toEqual({ lower: 1, upper: 1 });
  });

  it('gives κ = 0 when agreement is exactly what the margins predict (chance agreement)', () => {
    // p_ij = p_i. × p_.j: the raters are independent.
    const result = ok(
      cohenKappa(
        pairsFromTable([
          [1, 3],
          [1, 3],
        ]),
        [0, 1] as Level[],
      ),
    );
    expect(result.kappa).toBeCloseTo(0, 14);
    expect(result.ci95.lower).toBeLessThan(0);
    expect(result.ci95.upper).toBeGreaterThan(0);
  });

  it('is negative when the raters disagree more than chance', () => {
    expect(ok(cohenKappa(pairsOf([0, 1, 0, 1], [1, 0, 1, 0]), [0, 1] as Level[])).kappa).toBe(-1);
  });
});

describe('cohenKappa, weighted', () => {
  it('reproduces Cohen’s (1968) weighted example: κw = .348 with disagreement weights 0, 1, 3, 6', () => {
    const proportions = [
      [0.44, 0.07, 0.09],
      [0.05, 0.2, 0.05],
      [0.01, 0.03, 0.06],
    ];
    // Agreement weights 1 − v/6 from Cohen's disagreement weights v; κw does not depend on the scale of v.
    const disagreement = [
      [0, 1, 3],
      [1, 0, 6],
      [3, 6, 0],
    ];
    const weights = disagreement.map((row) => row.map((v) => 1 - v / 6));
    expect(ok(kappaFromTable(proportions, weights, { n: 200 })).kappa).toBeCloseTo(0.348, 3);
    // Same paper, asymmetric weights: « Cohen reports kw = .353 ».
    const asymmetric = [
      [0, 1, 4],
      [1, 0, 6],
      [2, 2, 0],
    ].map((row) => row.map((v) => 1 - v / 6));
    expect(ok(kappaFromTable(proportions, asymmetric, { n: 200 })).kappa).toBeCloseTo(0.353, 3);
  });

  it('quadratic κ equals 2 s_xy / (s_x² + s_y² + (x̄ − ȳ)²) on the raw levels (Fleiss & Cohen 1973)', () => {
    const pairs = pairsFromTable(LEVEL_TABLE);
    const xs = pairs.map((p) => p.first as number);
    const ys = pairs.map((p) => p.second as number);
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] as number) - my), 0) / n;
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0) / n;
    const syy = ys.reduce((a, y) => a + (y - my) ** 2, 0) / n;
    const reference = (2 * sxy) / (sxx + syy + (mx - my) ** 2);
    expect(ok(cohenKappa(pairs, LEVELS, 'quadratic')).kappa).toBeCloseTo(reference, 12);
  });

  it('linear κ equals 1 − mean |x − y| over the pairs / mean |x_i − y_j| over all cross pairs', () => {
    const pairs = pairsFromTable(LEVEL_TABLE);
    const xs = pairs.map((p) => p.first as number);
    const ys = pairs.map((p) => p.second as number);
    const observed = xs.reduce((a, x, i) => a + Math.abs(x - (ys[i] as number)), 0) / xs.length;
    let chance = 0;
    for (const x of xs) for (const y of ys) chance += Math.abs(x - y);
    chance /= xs.length * ys.length;
    expect(ok(cohenKappa(pairs, LEVELS, 'linear')).kappa).toBeCloseTo(1 - observed / chance, 12);
  });

  it('gives the same value under all weightings for two categories', () => {
    const pairs = pairsOf([0, 0, 1, 1, 1, 0], [0, 1, 1, 1, 0, 0]);
    const categories = [0, 1] as Level[];
    const unweighted = ok(cohenKappa(pairs, categories)).kappa;
    expect(ok(cohenKappa(pairs, categories, 'linear')).kappa).toBeCloseTo(unweighted, 14);
    expect(ok(cohenKappa(pairs, categories, 'quadratic')).kappa).toBeCloseTo(unweighted, 14);
  });

  it('credits near misses: on ordinal levels, quadratic ≥ linear ≥ unweighted for this table', () => {
    const pairs = pairsFromTable(LEVEL_TABLE);
    const u = ok(cohenKappa(pairs, LEVELS)).kappa;
    const l = ok(cohenKappa(pairs, LEVELS, 'linear')).kappa;
    const q = ok(cohenKappa(pairs, LEVELS, 'quadratic')).kappa;
    expect(u).toBeLessThan(l);
    expect(l).toBeLessThan(q);
  });
});

describe('kappa standard error and interval', () => {
  it.each<KappaWeighting>(['unweighted', 'linear', 'quadratic'])(
    'the Fleiss–Cohen–Everitt standard error (%s) equals the delta-method standard error',
    (weighting) => {
      const result = ok(cohenKappa(pairsFromTable(LEVEL_TABLE), LEVELS, weighting));
      const reference = deltaMethodStandardError(LEVEL_TABLE, agreementWeights(5, weighting));
      expect(result.standardError).toBeCloseTo(reference, 7);
      expect(result.ci95.lower).toBeCloseTo(result.kappa - 1.959963984540054 * result.standardError, 12);
      expect(result.ci95.upper).toBeCloseTo(result.kappa + 1.959963984540054 * result.standardError, 12);
    },
  );

  it('the standard error also matches the delta method on Cohen’s weighted example', () => {
    const counts = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    const weights = [
      [0, 1, 3],
      [1, 0, 6],
      [3, 6, 0],
    ].map((row) => row.map((v) => 1 - v / 6));
    const result = ok(kappaFromTable(counts, weights));
    expect(result.standardError).toBeCloseTo(deltaMethodStandardError(counts, weights), 7);
  });

  it('cuts the interval to [−1, 1]', () => {
    const result = ok(cohenKappa(pairsOf([0, 1, 1], [0, 1, 0]), [0, 1] as Level[]));
    // κ = 0.4 and se ≈ 0.39 on three items: κ + 1.96 se ≈ 1.17 is cut to 1.
    expect(result.kappa + 1.959963984540054 * result.standardError).toBeGreaterThan(1);
    expect(result.ci95.upper).toBe(1);
    expect(result.ci95.lower).toBeCloseTo(result.kappa - 1.959963984540054 * result.standardError, 12);
  });
});

describe('kappa degenerate cases and inputs', () => {
  it('is not computable when both raters used one and the same category throughout', () => {
    expect(cohenKappa(pairsOf([2, 2, 2], [2, 2, 2]), LEVELS)).toMatchObject({
      status: 'not_computable',
      reason: 'no_variation_in_ratings',
    });
  });

  it('is not computable with fewer than 2 rated items', () => {
    expect(cohenKappa(pairsOf([1], [2]), LEVELS)).toMatchObject({ reason: 'too_few_observations' });
    expect(cohenKappa([], LEVELS)).toMatchObject({ reason: 'too_few_observations' });
  });

  it('drops items one rater left unrated and reports them', () => {
    const pairs: RatingPair<Level>[] = [...pairsOf([0, 1, 2, 3], [0, 1, 2, 4]), { first: 3, second: null }];
    expect(ok(cohenKappa(pairs, LEVELS))).toMatchObject({ n: 4, dropped: 1 });
  });

  it('refuses a rating outside the declared categories and duplicate categories', () => {
    expect(() => cohenKappa([{ first: 7 as Level, second: 1 }], LEVELS)).toThrow(RangeError);
    expect(() => contingencyTable([], [1, 1])).toThrow(RangeError);
  });

  it('cross-tabulates with the first rater in rows', () => {
    expect(contingencyTable(pairsOf([0, 0, 1], [1, 1, 1]), [0, 1]).counts).toEqual([
      [0, 2],
      [0, 1],
    ]);
  });

  it('builds linear and quadratic weights 1 − |i − j|/(k − 1) and 1 − (i − j)²/(k − 1)²', () => {
    expect(agreementWeights(3, 'linear')).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(agreementWeights(3, 'quadratic')).toEqual([
      [1, 0.75, 0],
      [0.75, 1, 0.75],
      [0, 0.75, 1],
    ]);
  });
});
