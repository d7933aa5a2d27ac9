import { logGamma } from './distributions.ts';
import { type NotComputable, notComputable } from './not-computable.ts';
import { formatCount, formatDecimal, formatPValue, SIGNIFICANCE_LEVEL, significanceText } from './reading.ts';

/**
 * Pearson's chi-square test of independence on a contingency table, with Cramér's V as the
 * effect size and a plain-French reading. The upper tail of the chi-square distribution is the
 * regularized upper incomplete gamma Q(k/2, x/2) (Numerical Recipes, 3rd ed., §6.2: series
 * below a + 1, continued fraction above). Rows or columns without any observation are dropped
 * before the test: they carry no information and would give zero expected counts.
 */

export interface ChiSquareTest {
  status: 'ok';
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Cramér's V = √(χ² / (n · (min(r, c) − 1))), in [0, 1]. */
  cramersV: number;
  n: number;
  rows: number;
  columns: number;
  /** Share of cells whose expected count is below 5 (Cochran: keep it under 20 %). */
  sparseCellShare: number;
  expected: number[][];
}

export type ChiSquareResult = ChiSquareTest | NotComputable;

const SERIES_EPSILON = 1e-15;
const MAX_ITERATIONS = 10_000;
const TINY = 1e-300;

/** Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`Paramètres de la loi gamma invalides : a=${a}, x=${x}`);
  if (x === 0) return 1;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * SERIES_EPSILON) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logFront));
  }
  // Modified Lentz evaluation of the continued fraction for Γ(a, x).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < SERIES_EPSILON) break;
  }
  return Math.min(1, Math.exp(logFront) * h);
}

/** P(X ≥ x) for X ~ χ²(df). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrés de liberté invalides : ${df}`);
  return regularizedUpperGamma(df / 2, Math.max(0, x) / 2);
}

export function chiSquareIndependence(observed: readonly (readonly number[])[]): ChiSquareResult {
  for (const row of observed) {
    for (const count of row) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`Effectif invalide : ${count}`);
    }
  }
  const width = observed[0]?.length ?? 0;
  if (observed.some((row) => row.length !== width)) throw new RangeError('Lignes de longueurs différentes');
  const keptColumns = [...Array(width).keys()].filter((j) => observed.some((row) => (row[j] as number) > 0));
  const table = observed
    .filter((row) => row.some((count) => count > 0))
    .map((row) => keptColumns.map((j) => row[j] as number));
  const rows = table.length;
  const columns = keptColumns.length;
  if (rows < 2 || columns < 2) {
    return notComputable('too_few_observations', 'il faut au moins deux modalités observées de chaque côté');
  }
  const rowTotals = table.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = keptColumns.map((_, j) => table.reduce((sum, row) => sum + (row[j] as number), 0));
  const n = rowTotals.reduce((sum, total) => sum + total, 0);
  let statistic = 0;
  let sparse = 0;
  const expected = table.map((row, i) =>
    row.map((count, j) => {
      const e = ((rowTotals[i] as number) * (columnTotals[j] as number)) / n;
      if (e < 5) sparse++;
      statistic += ((count - e) * (count - e)) / e;
      return e;
    }),
  );
  const degreesOfFreedom = (rows - 1) * (columns - 1);
  return {
    status: 'ok',
    statistic,
    degreesOfFreedom,
    pValue: chiSquareUpperTail(statistic, degreesOfFreedom),
    cramersV: Math.sqrt(statistic / (n * (Math.min(rows, columns) - 1))),
    n,
    rows,
    columns,
    sparseCellShare: sparse / (rows * columns),
    expected,
  };
}

/**
 * Strength of Cramér's V after Cohen (1988, §7.2), whose thresholds for w divide by
 * √(min(r, c) − 1): 0.1, 0.3 and 0.5 for a 2-column table, smaller for wider tables.
 */
export function cramersVStrength(test: Pick<ChiSquareTest, 'cramersV' | 'rows' | 'columns'>): string {
  const k = Math.sqrt(Math.min(test.rows, test.columns) - 1);
  const v = Math.round(test.cramersV * 100) / 100;
  if (v >= 0.5 / k) return 'fort';
  if (v >= 0.3 / k) return 'moyen';
  if (v >= 0.1 / k) return 'faible';
  return 'négligeable';
}

/** « χ² = 12,40 ; ddl = 8 ; p = 0,134 ; V de Cramér = 0,05 (effet négligeable) ; n = 1 204 » */
export function formatChiSquareFigures(test: ChiSquareTest): string {
  return (
    `χ² = ${formatDecimal(test.statistic)} ; ddl = ${test.degreesOfFreedom} ; ${formatPValue(test.pValue)} ; ` +
    `V de Cramér = ${formatDecimal(test.cramersV)} (effet ${cramersVStrength(test)}) ; n = ${formatCount(test.n)}`
  );
}

/**
 * One sentence: whether the two variables are independent, in French, with the figures and
 * the caution Cochran's rule calls for. Variables are noun phrases with their article.
 */
export function chiSquareSentence(
  result: ChiSquareResult,
  variables: { rows: string; columns: string },
): string {
  if (result.status !== 'ok') {
    return `Le lien entre ${variables.rows} et ${variables.columns} n’est pas testable : ${result.message.replace(/^Non calculable : /, '')}.`;
  }
  const dependent = result.pValue < SIGNIFICANCE_LEVEL;
  const association = `leur association est ${significanceText(result.pValue)}`;
  const verdict = dependent
    ? `${capitalise(variables.rows)} et ${variables.columns} ne sont pas indépendants : ${association}`
    : `Rien ne permet de dire que ${variables.columns} dépend de ${variables.rows} : ${association}`;
  const caution =
    result.sparseCellShare > 0.2
      ? ` Prudence : ${formatDecimal(result.sparseCellShare * 100, 0)} % des cases ont un effectif attendu inférieur à 5, le test est peu fiable.`
      : '';
  return `${verdict} (${formatChiSquareFigures(result)}).${caution}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
