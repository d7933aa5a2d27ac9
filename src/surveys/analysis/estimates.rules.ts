import { Z_95 } from '../../indicators/statistics/distributions.ts';
import type { AnswerValue } from '../answers.rules.ts';
import type { Question } from '../questionnaire.rules.ts';
import { designEffect } from './raking.rules.ts';

/**
 * Frequencies and means of one question, unweighted and weighted side by side, with 95 %
 * confidence intervals. Weighted intervals use the effective sample size n / deff (Kish), the
 * usual approximation for raked weights. Figures resting on fewer than MIN_CELL respondents are
 * suppressed (null): they could identify someone and say nothing reliable.
 */

export const MIN_CELL = 5;

export interface Interval {
  lower: number;
  upper: number;
}

export interface ShareEstimate {
  /** Respondents who chose it. */
  count: number;
  /** Unweighted share of the respondents asked, with its Wilson interval. */
  share: number | null;
  interval: Interval | null;
  weightedShare: number | null;
  weightedInterval: Interval | null;
}

export interface Frequencies {
  question: string;
  /** Respondents who answered the question. */
  respondents: number;
  designEffect: number | null;
  /** Per choice value (per « row:column » for a matrix). */
  shares: Record<string, ShareEstimate>;
}

export interface MeanEstimate {
  question: string;
  respondents: number;
  mean: number | null;
  interval: Interval | null;
  weightedMean: number | null;
  weightedInterval: Interval | null;
  designEffect: number | null;
}

/** Wilson score interval for a proportion p out of n (n may be an effective, non-integer size). */
export function wilsonInterval(p: number, n: number): Interval {
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** The categories an answer counts in: choice values, or « row:column » pairs of a matrix. */
export function answerCategories(question: Question, value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  if (question.type === 'matrix' && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).map(([row, column]) => `${row}:${column}`);
  if (question.type === 'ranking' && Array.isArray(value)) return value.slice(0, 1);
  if (Array.isArray(value)) return value;
  return [String(value)];
}

export function categoriesOf(question: Question): string[] {
  switch (question.type) {
    case 'radiogroup':
    case 'checkbox':
    case 'ranking':
      return question.choices.map((c) => c.value);
    case 'matrix':
      return question.rows.flatMap((row) => question.columns.map((column) => `${row.value}:${column.value}`));
    case 'rating':
      return Array.from({ length: question.max - question.min + 1 }, (_, i) => String(question.min + i));
    default:
      return [];
  }
}

/**
 * Shares of each category among the respondents who answered. For a matrix the denominator of
 * a « row:column » pair is the respondents who answered that row; for a ranking, the share is
 * of respondents ranking the choice first.
 */
export function frequencies(
  question: Question,
  answers: readonly (AnswerValue | undefined)[],
  weights: readonly number[] | null,
): Frequencies {
  // One pass over the respondents: counts per category, and per matrix row the base of its
  // shares (respondents who answered that row).
  const count = new Map<string, number>();
  const weighted = new Map<string, number>();
  const base = new Map<string, number>();
  const weightedBase = new Map<string, number>();
  const answered: number[] = [];
  const add = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
  // A matrix counts row × column cells in typed arrays: ten rows of ten thousand answers each.
  const matrix =
    question.type === 'matrix'
      ? {
          rows: new Map(question.rows.map((r, i) => [r.value, i])),
          columns: new Map(question.columns.map((c, i) => [c.value, i])),
          width: question.columns.length,
          count: new Float64Array(question.rows.length * question.columns.length),
          weighted: new Float64Array(question.rows.length * question.columns.length),
          base: new Float64Array(question.rows.length),
          weightedBase: new Float64Array(question.rows.length),
        }
      : undefined;
  answers.forEach((value, i) => {
    const w = weights?.[i] ?? 0;
    if (matrix) {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      let any = false;
      for (const row in value) {
        const r = matrix.rows.get(row);
        const c = matrix.columns.get(value[row] as string);
        if (r === undefined || c === undefined) continue;
        any = true;
        matrix.count[r * matrix.width + c] = (matrix.count[r * matrix.width + c] as number) + 1;
        matrix.weighted[r * matrix.width + c] = (matrix.weighted[r * matrix.width + c] as number) + w;
        matrix.base[r] = (matrix.base[r] as number) + 1;
        matrix.weightedBase[r] = (matrix.weightedBase[r] as number) + w;
      }
      if (any) answered.push(i);
      return;
    }
    const categories = answerCategories(question, value);
    if (categories.length === 0) return;
    answered.push(i);
    for (const category of categories) {
      add(count, category, 1);
      add(weighted, category, w);
    }
    add(base, '', 1);
    add(weightedBase, '', w);
  });
  if (matrix && question.type === 'matrix') {
    for (const [r, row] of question.rows.entries()) {
      base.set(row.value, matrix.base[r] as number);
      weightedBase.set(row.value, matrix.weightedBase[r] as number);
      for (const [c, column] of question.columns.entries()) {
        count.set(`${row.value}:${column.value}`, matrix.count[r * matrix.width + c] as number);
        weighted.set(`${row.value}:${column.value}`, matrix.weighted[r * matrix.width + c] as number);
      }
    }
  }
  const deff = weights && answered.length > 0 ? designEffect(answered.map((i) => weights[i] ?? 0)) : null;
  const shares: Record<string, ShareEstimate> = {};
  for (const category of categoriesOf(question)) {
    const row = question.type === 'matrix' ? (category.split(':')[0] ?? '') : '';
    const n = base.get(row) ?? 0;
    const wn = weightedBase.get(row) ?? 0;
    const shown = n >= MIN_CELL;
    const share = n > 0 ? (count.get(category) ?? 0) / n : 0;
    const weightedShare = wn > 0 ? (weighted.get(category) ?? 0) / wn : 0;
    shares[category] = {
      count: shown ? (count.get(category) ?? 0) : 0,
      share: shown ? share : null,
      interval: shown ? wilsonInterval(share, n) : null,
      weightedShare: shown && weights ? weightedShare : null,
      weightedInterval: shown && weights && deff ? wilsonInterval(weightedShare, n / deff) : null,
    };
  }
  return { question: question.name, respondents: answered.length, designEffect: deff, shares };
}

/** Mean of a rating or number question, with a normal-approximation 95 % interval. */
export function meanEstimate(
  question: Question,
  answers: readonly (AnswerValue | undefined)[],
  weights: readonly number[] | null,
): MeanEstimate {
  const values: number[] = [];
  const w: number[] = [];
  answers.forEach((value, i) => {
    if (typeof value === 'number') {
      values.push(value);
      w.push(weights?.[i] ?? 1);
    }
  });
  const n = values.length;
  const empty: MeanEstimate = {
    question: question.name,
    respondents: n,
    mean: null,
    interval: null,
    weightedMean: null,
    weightedInterval: null,
    designEffect: null,
  };
  if (n < MIN_CELL) return empty;
  const unweighted = weightedMoments(
    values,
    values.map(() => 1),
  );
  const result: MeanEstimate = {
    ...empty,
    mean: unweighted.mean,
    interval: around(unweighted.mean, unweighted.sd / Math.sqrt(n)),
  };
  if (!weights) return result;
  const deff = designEffect(w);
  const weighted = weightedMoments(values, w);
  return {
    ...result,
    weightedMean: weighted.mean,
    weightedInterval: around(weighted.mean, weighted.sd / Math.sqrt(n / deff)),
    designEffect: deff,
  };
}

function weightedMoments(values: readonly number[], weights: readonly number[]) {
  let total = 0;
  let sum = 0;
  values.forEach((v, i) => {
    total += weights[i] ?? 0;
    sum += (weights[i] ?? 0) * v;
  });
  const mean = sum / total;
  let squares = 0;
  values.forEach((v, i) => {
    squares += (weights[i] ?? 0) * (v - mean) ** 2;
  });
  // Bessel's correction on the number of respondents, as for unweighted data.
  const n = values.length;
  const sd = n > 1 ? Math.sqrt((squares / total) * (n / (n - 1))) : 0;
  return { mean, sd };
}

const around = (centre: number, standardError: number): Interval => ({
  lower: centre - Z_95 * standardError,
  upper: centre + Z_95 * standardError,
});
