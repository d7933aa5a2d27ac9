/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): weights for respondents such
 * that the weighted sample reproduces the known population totals on each dimension
 * separately (kind, size band, région), starting from equal weights. Each pass scales the
 * weights of every category of one dimension by population / weighted sample, dimension after
 * dimension, until no weighted margin is further than `tolerance` from its target.
 *
 * Pure: the caller passes the respondents' categories and the population margins (counts of
 * authorities from the territories table). A category with respondents but no population, or
 * population but no respondent, cannot be raked to: it is reported, and the caller collapses
 * categories or drops the dimension (docs/surveys.md).
 */

export type Margins = Record<string, Record<string, number>>;

export interface RakingResult {
  status: 'ok';
  /** One weight per unit, in input order; they sum to the population total. */
  weights: number[];
  iterations: number;
  /** Largest relative gap between a weighted margin and its target at the end. */
  maxGap: number;
}

export interface RakingFailure {
  status: 'not_computable';
  message: string;
  /** The dimension that cannot be raked to, when one is to blame. */
  dimension?: string;
}

export function rake(
  units: readonly Record<string, string>[],
  margins: Margins,
  options: { tolerance?: number; maxIterations?: number } = {},
): RakingResult | RakingFailure {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 200;
  const dimensions = Object.keys(margins);
  if (units.length === 0) return { status: 'not_computable', message: 'aucun répondant' };
  const totals = dimensions.map((d) => sum(Object.values(margins[d] ?? {})));
  const total = totals[0] ?? 0;
  for (const [index, dimension] of dimensions.entries()) {
    if (Math.abs((totals[index] ?? 0) - total) > 1e-9 * Math.max(1, total))
      return {
        status: 'not_computable',
        dimension,
        message: `les marges de « ${dimension} » ne totalisent pas la même population`,
      };
    const present = new Set(units.map((unit) => unit[dimension] ?? ''));
    for (const category of present)
      if (!((margins[dimension]?.[category] ?? 0) > 0))
        return {
          status: 'not_computable',
          dimension,
          message: `« ${dimension} = ${category} » : répondants sans population connue`,
        };
    for (const [category, count] of Object.entries(margins[dimension] ?? {}))
      if (count > 0 && !present.has(category))
        return {
          status: 'not_computable',
          dimension,
          message: `« ${dimension} = ${category} » : aucun répondant pour le représenter`,
        };
  }
  // Categories as small integers per dimension, and weights in a typed array: each pass is
  // then two tight loops over the respondents, without allocation.
  const n = units.length;
  const coded = dimensions.map((dimension) => {
    const names = Object.keys(margins[dimension] ?? {});
    const index = new Map(names.map((name, i) => [name, i]));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = index.get(units[i]?.[dimension] ?? '') ?? 0;
    const targets = Float64Array.from(names.map((name) => margins[dimension]?.[name] ?? 0));
    return { codes, targets, sums: new Float64Array(names.length) };
  });
  const weights = new Float64Array(n).fill(total / n);
  const marginsOf = (d: (typeof coded)[number]) => {
    d.sums.fill(0);
    for (let i = 0; i < n; i++) {
      const c = d.codes[i] as number;
      d.sums[c] = (d.sums[c] as number) + (weights[i] as number);
    }
    return d.sums;
  };
  let maxGap = Number.POSITIVE_INFINITY;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    for (const d of coded) {
      const sums = marginsOf(d);
      const factors = d.targets.map((target, c) => target / ((sums[c] as number) || 1));
      for (let i = 0; i < n; i++)
        weights[i] = (weights[i] as number) * (factors[d.codes[i] as number] as number);
    }
    maxGap = 0;
    for (const d of coded) {
      const sums = marginsOf(d);
      d.targets.forEach((target, c) => {
        if (target > 0) maxGap = Math.max(maxGap, Math.abs((sums[c] as number) - target) / target);
      });
    }
    if (maxGap <= tolerance) break;
  }
  return { status: 'ok', weights: Array.from(weights), iterations, maxGap };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Kish's design effect of unequal weights: n Σw² / (Σw)². The effective sample size is n / deff:
 * confidence intervals of weighted estimates are widened by √deff.
 */
export function designEffect(weights: readonly number[]): number {
  if (weights.length === 0) return Number.NaN;
  const total = sum(weights);
  return (weights.length * sum(weights.map((w) => w * w))) / (total * total);
}
