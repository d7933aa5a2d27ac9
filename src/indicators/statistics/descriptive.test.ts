import { describe, expect, it } from 'vitest';
import {
  competitionRanks,
  denseRanks,
  equalWidthEdges,
  fractionalRanks,
  histogram,
  mean,
  median,
  percentileRank,
  percentileRanks,
  quantile,
  quartiles,
} from './descriptive.ts';

/**
 * Type 7 in Hyndman & Fan's own notation (1996, §2): with 1-based order statistics,
 * Q(p) = (1 − γ) x(j) + γ x(j+1), j = ⌊np + m⌋, γ = np + m − j, m = 1 − p.
 */
function hyndmanFanType7(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const m = 1 - p;
  const j = Math.floor(n * p + m);
  const gamma = n * p + m - j;
  const at = (k: number) => x[Math.min(Math.max(k, 1), n) - 1] as number;
  return (1 - gamma) * at(j) + gamma * at(j + 1);
}

const SAMPLES: number[][] = [
  [7],
  [3, 1],
  [2, 9, 4, 4, 1],
  [12.5, 3.25, 8, 8, 8, 0, 41, 17.75, 6, 2, 2],
  Array.from({ length: 37 }, (_, i) => ((i * 7919) % 101) / 3),
];

describe('quantile (type 7)', () => {
  it('gives the quartiles of 1..10 published for R and Excel QUARTILE.INC: 3.25, 5.5, 7.75', () => {
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.25)).toBeCloseTo(3.25, 12);
    expect(median(oneToTen)).toBeCloseTo(5.5, 12);
    expect(quantile(oneToTen, 0.75)).toBeCloseTo(7.75, 12);
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
  });

  it('agrees with Hyndman & Fan’s own formulation on every order and sample', () => {
    for (const sample of SAMPLES) {
      for (const p of [0, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 1]) {
        expect(quantile(sample, p)).toBeCloseTo(hyndmanFanType7(sample, p), 12);
      }
    }
  });

  it('gives the usual median: middle value for odd n, mean of the two middle values for even n', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves missing values out and returns null for an empty sample', () => {
    expect(median([null, 4, undefined, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([null, undefined])).toBeNull();
    expect(quartiles([null])).toBeNull();
  });

  it('refuses non-finite values, which are bugs upstream, and orders outside [0, 1]', () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe('quartiles', () => {
  it('returns q1, median, q3, IQR, min, max and n', () => {
    expect(quartiles([2, 9, 4, 4, 1])).toEqual({ q1: 2, median: 4, q3: 4, iqr: 2, min: 1, max: 9, n: 5 });
  });
});

describe('mean', () => {
  it('is the arithmetic mean of the present values', () => {
    expect(mean([1, 2, null, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });

  it('uses a compensated sum: [1e16, 1, −1e16] averages to 1/3, not 0', () => {
    expect(mean([1e16, 1, -1e16])).toBeCloseTo(1 / 3, 15);
  });
});

describe('percentileRank (mid-rank)', () => {
  const reference = (values: number[], x: number) =>
    (100 * (values.filter((v) => v < x).length + values.filter((v) => v === x).length / 2)) / values.length;

  it('counts half of the ties: 100 × (below + ½ equal) / n', () => {
    const sample = [10, 20, 20, 30, 40];
    expect(percentileRank(sample, 20)).toBe(40);
    expect(percentileRank(sample, 40)).toBe(90);
    expect(percentileRank(sample, 5)).toBe(0);
    expect(percentileRank(sample, 50)).toBe(100);
    for (const s of SAMPLES)
      for (const x of [0, 2, 4, 8, 17.75, 30]) expect(percentileRank(s, x)).toBe(reference(s, x));
  });

  it('gives 50 to the median of a sample without ties', () => {
    expect(percentileRank([1, 2, 3, 4, 5], 3)).toBe(50);
  });

  it('returns null for an empty sample', () => {
    expect(percentileRank([null], 3)).toBeNull();
  });
});

describe('percentileRanks (all values at once)', () => {
  it('gives each value its percentileRank within the sample, missing values null', () => {
    const sample = [30, null, 10, 20, 20, 40];
    expect(percentileRanks(sample)).toEqual([70, null, 10, 40, 40, 90]);
    for (const s of SAMPLES) expect(percentileRanks(s)).toEqual(s.map((x) => percentileRank(s, x)));
  });
});

describe('histogram', () => {
  it('puts each value in [lower, upper[ and closes the last bin, counting outliers apart', () => {
    const values = [0, 19.99, 20, 55, 80, 100, 100, -1, 101, null];
    const result = histogram(values, [0, 20, 40, 60, 80, 100]);
    expect(result.bins.map((b) => b.count)).toEqual([2, 1, 1, 0, 3]);
    expect(result.bins.map((b) => b.includesUpper)).toEqual([false, false, false, false, true]);
    expect(result).toMatchObject({ below: 1, above: 1, n: 9 });
  });

  it('agrees with a per-bin count by filtering', () => {
    const edges = [0, 5, 10, 20, 35];
    for (const sample of SAMPLES) {
      const result = histogram(sample, edges);
      result.bins.forEach((bin, i) => {
        const last = i === result.bins.length - 1;
        const expected = sample.filter(
          (v) => v >= bin.lower && (last ? v <= bin.upper : v < bin.upper),
        ).length;
        expect(bin.count).toBe(expected);
      });
      const counted = result.bins.reduce((sum, b) => sum + b.count, 0) + result.below + result.above;
      expect(counted).toBe(sample.length);
    }
  });

  it('refuses edges that are not strictly increasing', () => {
    expect(() => histogram([1], [0, 0, 1])).toThrow(RangeError);
    expect(() => histogram([1], [0])).toThrow(RangeError);
  });

  it('builds equal-width edges that end exactly on max', () => {
    expect(equalWidthEdges(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    const edges = equalWidthEdges(0, 1, 3);
    expect(edges[3]).toBe(1);
  });
});

describe('ranking with ties', () => {
  const scores = [50, 80, 80, null, 30, 90, 80];

  it('competition ranking gives « 1, 2, 2, 4 »: a rank is 1 + the number of strictly better values', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    const present = scores.filter((s): s is number => s !== null);
    expect(competitionRanks(scores)).toEqual(
      scores.map((s) => (s === null ? null : 1 + present.filter((v) => v > s).length)),
    );
  });

  it('dense ranking gives « 1, 2, 2, 3 »: a rank is 1 + the number of distinct better values', () => {
    expect(denseRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 3]);
    const distinct = [...new Set(scores.filter((s): s is number => s !== null))];
    expect(denseRanks(scores)).toEqual(
      scores.map((s) => (s === null ? null : 1 + distinct.filter((v) => v > s).length)),
    );
  });

  it('fractional ranking gives tied values the mean of the ranks they span (ascending)', () => {
    expect(fractionalRanks([70, 80, 80, 90])).toEqual([1, 2.5, 2.5, 4]);
    const present = scores.filter((s): s is number => s !== null);
    const reference = (s: number) =>
      present.filter((v) => v < s).length + (present.filter((v) => v === s).length + 1) / 2;
    expect(fractionalRanks(scores)).toEqual(scores.map((s) => (s === null ? null : reference(s))));
  });

  it('ranks ascending on request (lowest first)', () => {
    expect(competitionRanks([3, 1, 1, 2], 'ascending')).toEqual([4, 1, 1, 3]);
  });

  it('keeps missing values unranked and the output aligned with the input', () => {
    expect(competitionRanks([null, 5, undefined])).toEqual([null, 1, null]);
    expect(denseRanks([])).toEqual([]);
  });
});
