import { fractionalRanks, type Sample } from './descriptive.ts';
import { studentTTwoSidedPValue, Z_95 } from './distributions.ts';
import { isMissing, type NotComputable, notComputable } from './not-computable.ts';

/**
 * Correlation between two indicators measured on the same authorities (e.g. digitalisation
 * score and operating revenue per inhabitant). Pairs with a missing value on either side are
 * dropped (pairwise deletion); formulas and their sources are in docs/statistics.md.
 */

export type CorrelationMethod = 'pearson' | 'spearman';

export interface Interval {
  lower: number;
  upper: number;
}

export interface Correlation {
  status: 'ok';
  method: CorrelationMethod;
  /** Pearson's r or Spearman's ρ, in [−1, 1]. */
  coefficient: number;
  /** Complete pairs used. */
  n: number;
  /** Pairs left out because one of the two values was missing. */
  dropped: number;
  /** Two-sided p-value of H0: no correlation, from t = r √((n − 2) / (1 − r²)) with n − 2 df. */
  pValue: number;
  /** 95 % confidence interval through Fisher's z; null for n = 3, where its variance is infinite. */
  ci95: Interval | null;
}

export type CorrelationResult = Correlation | NotComputable;

export interface Pairs {
  xs: number[];
  ys: number[];
  dropped: number;
}

/** The complete pairs of two aligned samples, in their order. */
export function completePairs(xs: Sample, ys: Sample): Pairs {
  if (xs.length !== ys.length) {
    throw new RangeError(`Échantillons appariés de longueurs différentes : ${xs.length} et ${ys.length}`);
  }
  const pairs: Pairs = { xs: [], ys: [], dropped: 0 };
  xs.forEach((x, i) => {
    const y = ys[i];
    // Both sides are checked so that a non-finite value throws even when its partner is missing.
    const xMissing = isMissing(x);
    const yMissing = isMissing(y);
    if (xMissing || yMissing) pairs.dropped++;
    else {
      pairs.xs.push(x);
      pairs.ys.push(y);
    }
  });
  return pairs;
}

const isConstant = (values: readonly number[]) => values.every((v) => v === values[0]);

interface Moments {
  meanX: number;
  meanY: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/** Centred sums of squares and products (two-pass, so large means do not swamp the spread). */
function moments(xs: readonly number[], ys: readonly number[]): Moments {
  const n = xs.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += xs[i] as number;
    meanY += ys[i] as number;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { meanX, meanY, sxx, syy, sxy };
}

/** Pearson's r of complete pairs whose two sides both vary. */
function pearsonOf(xs: readonly number[], ys: readonly number[]): number {
  const { sxx, syy, sxy } = moments(xs, ys);
  // Rounding can push |r| a hair past 1 for perfectly collinear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Two-sided p-value of r under H0: ρ = 0, Student's t with n − 2 df. */
export function correlationPValue(r: number, n: number): number {
  if (Math.abs(r) >= 1) return 0;
  const df = n - 2;
  return studentTTwoSidedPValue(r * Math.sqrt(df / (1 - r * r)), df);
}

/** Fisher-z interval: tanh(atanh(r) ± z₀.₉₇₅ · se), with se the standard error of atanh(r). */
export function fisherInterval(r: number, standardError: number): Interval {
  if (Math.abs(r) >= 1) return { lower: r, upper: r };
  const z = Math.atanh(r);
  return { lower: Math.tanh(z - Z_95 * standardError), upper: Math.tanh(z + Z_95 * standardError) };
}

function correlate(method: CorrelationMethod, xs: Sample, ys: Sample): CorrelationResult {
  const pairs = completePairs(xs, ys);
  const n = pairs.xs.length;
  if (n < 3) return notComputable('too_few_observations', `${n} paire(s) complète(s), il en faut au moins 3`);
  if (isConstant(pairs.xs) || isConstant(pairs.ys)) return notComputable('zero_variance');

  const r =
    method === 'pearson'
      ? pearsonOf(pairs.xs, pairs.ys)
      : pearsonOf(fractionalRanks(pairs.xs) as number[], fractionalRanks(pairs.ys) as number[]);
  // Pearson: var(atanh r) ≈ 1/(n − 3) (Fisher 1921). Spearman: (1 + ρ²/2)/(n − 3) (Bonett & Wright 2000).
  const variance = method === 'pearson' ? 1 / (n - 3) : (1 + (r * r) / 2) / (n - 3);
  return {
    status: 'ok',
    method,
    coefficient: r,
    n,
    dropped: pairs.dropped,
    pValue: correlationPValue(r, n),
    ci95: n > 3 ? fisherInterval(r, Math.sqrt(variance)) : null,
  };
}

/** Pearson's product-moment correlation r. */
export function pearson(xs: Sample, ys: Sample): CorrelationResult {
  return correlate('pearson', xs, ys);
}

/** Spearman's rank correlation ρ: Pearson's r of the ranks, tied values taking their average rank. */
export function spearman(xs: Sample, ys: Sample): CorrelationResult {
  return correlate('spearman', xs, ys);
}

export interface RegressionLine {
  status: 'ok';
  /** y = intercept + slope · x */
  slope: number;
  intercept: number;
  /** Coefficient of determination r²; null when y does not vary (0/0). */
  rSquared: number | null;
  n: number;
  dropped: number;
}

export type RegressionResult = RegressionLine | NotComputable;

/** Ordinary least-squares line of y on x, for scatter plots. */
export function regressionLine(xs: Sample, ys: Sample): RegressionResult {
  const pairs = completePairs(xs, ys);
  const n = pairs.xs.length;
  if (n < 2) return notComputable('too_few_observations', `${n} paire(s) complète(s), il en faut au moins 2`);
  if (isConstant(pairs.xs)) return notComputable('zero_variance', 'toutes les abscisses sont égales');
  const { meanX, meanY, sxx, syy, sxy } = moments(pairs.xs, pairs.ys);
  const slope = sxy / sxx;
  return {
    status: 'ok',
    slope,
    intercept: meanY - slope * meanX,
    rSquared: isConstant(pairs.ys) ? null : (sxy * sxy) / (sxx * syy),
    n,
    dropped: pairs.dropped,
  };
}
