import { isMissing } from './not-computable.ts';

/**
 * Descriptive statistics of one sample. Missing values (null, undefined) are left out; an
 * empty sample gives null, which pages show as « — ». Conventions (see docs/statistics.md):
 * quantiles of type 7 (Hyndman & Fan 1996), percentile rank at mid-rank, competition ranking
 * for published rankings.
 */

export type Sample = readonly (number | null | undefined)[];

/** The present values of a sample, in their order. */
export function presentValues(values: Sample): number[] {
  const present: number[] = [];
  for (const value of values) if (!isMissing(value)) present.push(value);
  return present;
}

/**
 * The present values in ascending order, as a typed array: sorted natively, with no comparator
 * called from JavaScript (rankings sort tens of thousands of communes several times).
 */
function sortedPresent(values: Sample): Float64Array {
  return Float64Array.from(presentValues(values)).sort();
}

/** How many values of `sorted` (ascending) are strictly below `value`. */
function countBelow(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many values of `sorted` (ascending) are below or equal to `value`. */
function countAtMost(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Ranks every present value of the sample from the number of values strictly below it and of
 * values equal to it (ties) among the `n` of the sorted sample; missing values get null.
 */
function rankEach(
  values: Sample,
  rank: (below: number, equal: number, n: number) => number,
  sorted: Float64Array = sortedPresent(values),
): (number | null)[] {
  return values.map((value) => {
    if (isMissing(value)) return null;
    const below = countBelow(sorted, value);
    return rank(below, countAtMost(sorted, value) - below, sorted.length);
  });
}

/** Arithmetic mean, or null for an empty sample. */
export function mean(values: Sample): number | null {
  const present = presentValues(values);
  if (present.length === 0) return null;
  // Neumaier-compensated sum: sums of many ratios stay exact to the last digit.
  let sum = 0;
  let compensation = 0;
  for (const value of present) {
    const t = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
    sum = t;
  }
  return (sum + compensation) / present.length;
}

/** Type 7 quantile on values already sorted ascending (non-empty). */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lowerIndex = Math.floor(h);
  const lower = sorted[lowerIndex] as number;
  const upper = sorted[Math.min(lowerIndex + 1, sorted.length - 1)] as number;
  return lower + (h - lowerIndex) * (upper - lower);
}

/**
 * Quantile of order p (0 ≤ p ≤ 1), Hyndman & Fan (1996) type 7: linear interpolation between
 * order statistics at h = (n − 1)p. Default of R, NumPy, and Excel's PERCENTILE.INC /
 * QUARTILE.INC, so readers can reproduce the figures in a spreadsheet.
 */
export function quantile(values: Sample, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Ordre de quantile hors de [0, 1] : ${p}`);
  const sorted = sortedPresent(values);
  return sorted.length === 0 ? null : quantileOfSorted(sorted, p);
}

/** Median (the type 7 quantile of order 1/2, i.e. the usual median). */
export function median(values: Sample): number | null {
  return quantile(values, 0.5);
}

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
  /** Interquartile range q3 − q1. */
  iqr: number;
  min: number;
  max: number;
  n: number;
}

/** Five-number summary with type 7 quartiles, or null for an empty sample. */
export function quartiles(values: Sample): Quartiles | null {
  const sorted = sortedPresent(values);
  if (sorted.length === 0) return null;
  const q1 = quantileOfSorted(sorted, 0.25);
  const q3 = quantileOfSorted(sorted, 0.75);
  return {
    q1,
    median: quantileOfSorted(sorted, 0.5),
    q3,
    iqr: q3 - q1,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    n: sorted.length,
  };
}

/**
 * Percentile rank of `value` within the sample, in percent (0–100), at mid-rank:
 * 100 × (number below + ½ × number equal) / n. A value equal to the median of a sample
 * without ties gets 50; ties share one rank. Null for an empty sample.
 */
export function percentileRank(values: Sample, value: number): number | null {
  if (!Number.isFinite(value)) throw new RangeError(`Valeur non finie : ${value}`);
  const present = presentValues(values);
  if (present.length === 0) return null;
  let below = 0;
  let equal = 0;
  for (const v of present) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return (100 * (below + equal / 2)) / present.length;
}

/**
 * Percentile rank of every value of the sample (same definition as percentileRank), in
 * O(n log n) rather than O(n²): for rankings of tens of thousands of communes. Missing values
 * get null.
 */
export function percentileRanks(values: Sample): (number | null)[] {
  return rankEach(values, (below, equal, n) => (100 * (below + equal / 2)) / n);
}

export interface HistogramBin {
  lower: number;
  upper: number;
  /** True for the last bin only: [lower, upper]; the others are [lower, upper[. */
  includesUpper: boolean;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  /** Present values below the first edge or above the last one. */
  below: number;
  above: number;
  n: number;
}

/**
 * Counts per bin for strictly increasing edges e0 < e1 < … < ek: bins [e0, e1[, …, [ek−1, ek]
 * (the last one closed, so a score of 100 falls in [80, 100]). Values outside are counted in
 * `below` and `above`, never silently dropped.
 */
export function histogram(values: Sample, edges: readonly number[]): Histogram {
  if (edges.length < 2) throw new RangeError('Un histogramme demande au moins deux bornes');
  for (let i = 1; i < edges.length; i++) {
    if (!((edges[i] as number) > (edges[i - 1] as number))) {
      throw new RangeError(`Bornes d’histogramme non strictement croissantes : ${edges.join(', ')}`);
    }
  }
  const first = edges[0] as number;
  const last = edges[edges.length - 1] as number;
  const bins: HistogramBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    bins.push({
      lower: edges[i] as number,
      upper: edges[i + 1] as number,
      includesUpper: i + 2 === edges.length,
      count: 0,
    });
  }
  let below = 0;
  let above = 0;
  const present = presentValues(values);
  for (const value of present) {
    if (value < first) below++;
    else if (value > last) above++;
    else {
      // Last edge not greater than the value; a value equal to the last edge goes in the last bin.
      let index = bins.length - 1;
      for (let i = 0; i < bins.length; i++) {
        if (value < (bins[i] as HistogramBin).upper) {
          index = i;
          break;
        }
      }
      (bins[index] as HistogramBin).count++;
    }
  }
  return { bins, below, above, n: present.length };
}

/** `count` equal-width bins from `min` to `max`: edges min, min + w, …, max (exactly). */
export function equalWidthEdges(min: number, max: number, count: number): number[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`Nombre de classes invalide : ${count}`);
  if (!(max > min)) throw new RangeError(`Intervalle vide : [${min}, ${max}]`);
  const edges: number[] = [];
  for (let i = 0; i < count; i++) edges.push(min + ((max - min) * i) / count);
  edges.push(max);
  return edges;
}

export type RankOrder = 'descending' | 'ascending';

/** A rank one more than the number of values strictly better in that order. */
function oneAfterTheBetter(order: RankOrder): (below: number, equal: number, n: number) => number {
  return (below, equal, n) => (order === 'descending' ? n - below - equal + 1 : below + 1);
}

/**
 * Standard competition ranking (« 1, 2, 2, 4 »): tied values share the best rank and the next
 * rank skips as many places as there were ties. The barometer publishes rankings this way, so
 * that a rank always tells how many authorities did strictly better (rank − 1). Missing values
 * get a null rank. Equality is exact: round scores to their published precision first, so that
 * ties a reader sees are ties in rank. Default order: descending (highest score first).
 */
export function competitionRanks(values: Sample, order: RankOrder = 'descending'): (number | null)[] {
  return rankEach(values, oneAfterTheBetter(order));
}

/** Dense ranking (« 1, 2, 2, 3 »): tied values share a rank and no rank is skipped. */
export function denseRanks(values: Sample, order: RankOrder = 'descending'): (number | null)[] {
  // Ranked among the distinct values: one more than the number of distinct values strictly better.
  const distinct = sortedPresent(values).filter((value, i, sorted) => i === 0 || value !== sorted[i - 1]);
  return rankEach(values, oneAfterTheBetter(order), distinct);
}

/**
 * Fractional ranking (« 1, 2.5, 2.5, 4 »): tied values share the mean of the ranks they span.
 * Ascending by default; this is the ranking Spearman's ρ is computed on.
 */
export function fractionalRanks(values: Sample, order: RankOrder = 'ascending'): (number | null)[] {
  // Tied values span the positions after those strictly better: the mean of those positions.
  return rankEach(values, (below, equal, n) =>
    order === 'ascending' ? below + (equal + 1) / 2 : n - below - equal + (equal + 1) / 2,
  );
}
