import type { Interval } from './correlation.ts';
import { Z_95 } from './distributions.ts';
import { type NotComputable, notComputable } from './not-computable.ts';

/**
 * Cohen's kappa between two raters who put the same items into ordered or unordered
 * categories (here: the crawler and an analyst, or two analysts, rating services 0–4).
 *
 *   p_o = Σ w_ij p_ij            observed (weighted) agreement
 *   p_e = Σ w_ij p_i. p_.j       agreement expected by chance from the two raters' margins
 *   κ   = (p_o − p_e) / (1 − p_e)
 *
 * with agreement weights w_ij: identity (unweighted, Cohen 1960), linear 1 − |i − j|/(k − 1)
 * (Cicchetti & Allison 1971) or quadratic 1 − (i − j)²/(k − 1)² (Fleiss & Cohen 1973).
 * Standard error: large-sample variance of Fleiss, Cohen & Everitt (1969), valid whatever the
 * true κ; the 95 % interval is κ ± 1.96 se, cut to [−1, 1]. See docs/statistics.md.
 */

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic';

export interface Kappa {
  status: 'ok';
  /** 'custom' when computed from a weight matrix given by the caller. */
  weighting: KappaWeighting | 'custom';
  kappa: number;
  /** Observed agreement p_o (weighted for a weighted kappa). */
  observedAgreement: number;
  /** Chance-expected agreement p_e (weighted for a weighted kappa). */
  expectedAgreement: number;
  /** Large-sample standard error (Fleiss, Cohen & Everitt 1969). */
  standardError: number;
  /** κ ± 1.96 se, bounded to [−1, 1]. */
  ci95: Interval;
  /** Items rated by both raters. */
  n: number;
  /** Items left out because one of the two ratings was missing. */
  dropped: number;
}

export type KappaResult = Kappa | NotComputable;

export interface RatingPair<C> {
  first: C | null | undefined;
  second: C | null | undefined;
}

/** Agreement weights for k ordered categories. */
export function agreementWeights(k: number, weighting: KappaWeighting): number[][] {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`Nombre de modalités invalide : ${k}`);
  const span = Math.max(k - 1, 1);
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (weighting === 'unweighted') return i === j ? 1 : 0;
      const distance = Math.abs(i - j) / span;
      return weighting === 'linear' ? 1 - distance : 1 - distance * distance;
    }),
  );
}

export interface ContingencyTable {
  /** counts[i][j]: items the first rater put in category i and the second in category j. */
  counts: number[][];
  dropped: number;
}

/** Cross-tabulates complete rating pairs over the declared categories (in their order). */
export function contingencyTable<C>(
  pairs: readonly RatingPair<C>[],
  categories: readonly C[],
): ContingencyTable {
  const index = new Map<C, number>();
  categories.forEach((category, i) => {
    if (index.has(category)) throw new RangeError(`Modalité en double : ${String(category)}`);
    index.set(category, i);
  });
  const counts = categories.map(() => categories.map(() => 0));
  let dropped = 0;
  for (const { first, second } of pairs) {
    if (first === null || first === undefined || second === null || second === undefined) {
      dropped++;
      continue;
    }
    const i = index.get(first);
    const j = index.get(second);
    if (i === undefined || j === undefined) {
      throw new RangeError(`Modalité non déclarée : ${String(i === undefined ? first : second)}`);
    }
    (counts[i] as number[])[j] = ((counts[i] as number[])[j] as number) + 1;
  }
  return { counts, dropped };
}

/**
 * Kappa from a k × k table of counts (or proportions, with `n` given) and a k × k matrix of
 * agreement weights in [0, 1] with 1 on the diagonal.
 */
export function kappaFromTable(
  table: readonly (readonly number[])[],
  weights: readonly (readonly number[])[],
  options: { n?: number; weighting?: Kappa['weighting']; dropped?: number } = {},
): KappaResult {
  const k = table.length;
  if (weights.length !== k || [...table, ...weights].some((row) => row.length !== k)) {
    throw new RangeError(
      'Le tableau de contingence et la matrice de poids doivent être carrés et de même taille',
    );
  }
  const total = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const n = options.n ?? total;
  if (n < 2 || total <= 0)
    return notComputable('too_few_observations', `${n} élément(s) noté(s) par les deux`);

  const p = table.map((row) => row.map((count) => count / total));
  const rowMargin = p.map((row) => row.reduce((a, b) => a + b, 0));
  const colMargin = p.map((_, j) => p.reduce((sum, row) => sum + (row[j] as number), 0));
  const usedRows = rowMargin.flatMap((m, i) => (m > 0 ? [i] : []));
  const usedCols = colMargin.flatMap((m, j) => (m > 0 ? [j] : []));
  if (usedRows.length === 1 && usedCols.length === 1 && usedRows[0] === usedCols[0]) {
    return notComputable('no_variation_in_ratings');
  }

  const w = (i: number, j: number) => (weights[i] as readonly number[])[j] as number;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += w(i, j) * ((p[i] as number[])[j] as number);
      expected += w(i, j) * (rowMargin[i] as number) * (colMargin[j] as number);
    }
  }
  // Only custom weights that count some disagreement as full agreement can get here.
  if (1 - expected < 1e-12) return notComputable('no_variation_in_ratings');
  const kappa = (observed - expected) / (1 - expected);

  // Fleiss, Cohen & Everitt (1969), eq. (13):
  // var = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²),
  // w̄_i. = Σ_j p_.j w_ij, w̄_.j = Σ_i p_i. w_ij.
  const rowMeanWeight = Array.from({ length: k }, (_, i) =>
    colMargin.reduce((sum, pj, j) => sum + pj * w(i, j), 0),
  );
  const colMeanWeight = Array.from({ length: k }, (_, j) =>
    rowMargin.reduce((sum, pi, i) => sum + pi * w(i, j), 0),
  );
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const deviation = w(i, j) - ((rowMeanWeight[i] as number) + (colMeanWeight[j] as number)) * (1 - kappa);
      sum += ((p[i] as number[])[j] as number) * deviation * deviation;
    }
  }
  const variance = Math.max(0, (sum - (kappa - expected * (1 - kappa)) ** 2) / (n * (1 - expected) ** 2));
  const standardError = Math.sqrt(variance);

  return {
    status: 'ok',
    weighting: options.weighting ?? 'custom',
    kappa,
    observedAgreement: observed,
    expectedAgreement: expected,
    standardError,
    ci95: {
      lower: Math.max(-1, kappa - Z_95 * standardError),
      upper: Math.min(1, kappa + Z_95 * standardError),
    },
    n,
    dropped: options.dropped ?? 0,
  };
}

/**
 * Cohen's kappa of two raters over `categories`, listed in their natural order (levels 0–4:
 * [0, 1, 2, 3, 4]); the order matters for the linear and quadratic weightings only. Items that
 * one rater left unrated are dropped. Unweighted by default.
 */
export function cohenKappa<C>(
  pairs: readonly RatingPair<C>[],
  categories: readonly C[],
  weighting: KappaWeighting = 'unweighted',
): KappaResult {
  const { counts, dropped } = contingencyTable(pairs, categories);
  return kappaFromTable(counts, agreementWeights(categories.length, weighting), { weighting, dropped });
}
