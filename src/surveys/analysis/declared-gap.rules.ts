import { Z_95 } from '../../indicators/statistics/distributions.ts';
import type { Answers } from '../answers.rules.ts';
import { type Interval, MIN_CELL } from './estimates.rules.ts';
import type { ObservedDigitalisation } from './observed-digitalisation.query.ts';

/**
 * The gap between self-declared and observed digitalisation, for authorities that both
 * answered and were audited. Each template says what it declares and which audit figure it
 * compares with, both as shares in [0, 1]:
 * - « e-services »: services declared totally online (rows « totale » of the matrix
 *   `dematerialisation`, « non concerné » left out) against the audit's share of applicable
 *   services online end to end (level 4);
 * - « maturite-numerique »: self-rated maturity 0–10 / 10 against the audit's index / 100.
 * Several respondents of one authority are averaged first, so each authority counts once.
 */

export interface GapMeasure {
  /** What is compared, in French, for sentences: « la part de services entièrement en ligne ». */
  label: string;
  declared(answers: Answers): number | null;
  observed(row: ObservedDigitalisation): number | null;
}

export const GAP_MEASURES: Record<string, GapMeasure> = {
  'e-services': {
    label: 'la part des services entièrement en ligne',
    declared(answers) {
      const matrix = answers.dematerialisation;
      if (typeof matrix !== 'object' || Array.isArray(matrix)) return null;
      const concerned = Object.values(matrix).filter((state) => state !== 'non_concerne');
      if (concerned.length === 0) return null;
      return concerned.filter((state) => state === 'totale').length / concerned.length;
    },
    observed: (row) => (row.servicesApplicable > 0 ? row.endToEnd / row.servicesApplicable : null),
  },
  'maturite-numerique': {
    label: 'la maturité numérique (note sur 10 rapportée à l’indice de l’audit sur 100)',
    declared: (answers) => (typeof answers.maturite === 'number' ? answers.maturite / 10 : null),
    observed: (row) => row.index / 100,
  },
};

export interface DeclaredGap {
  label: string;
  /** Authorities that answered and were audited. */
  authorities: number;
  /** Mean of declared − observed, in points of percentage; null under MIN_CELL authorities. */
  meanGapPoints: number | null;
  interval: Interval | null;
  meanDeclared: number | null;
  meanObserved: number | null;
}

export function declaredGap(
  measure: GapMeasure,
  responses: readonly { authorityId: number; answers: Answers }[],
  observed: readonly ObservedDigitalisation[],
): DeclaredGap {
  const declaredBy = new Map<number, number[]>();
  for (const response of responses) {
    const value = measure.declared(response.answers);
    if (value === null) continue;
    declaredBy.set(response.authorityId, [...(declaredBy.get(response.authorityId) ?? []), value]);
  }
  const pairs: { declared: number; observed: number }[] = [];
  for (const row of observed) {
    const declared = declaredBy.get(row.authorityId);
    const seen = measure.observed(row);
    if (!declared || seen === null) continue;
    pairs.push({ declared: declared.reduce((a, b) => a + b, 0) / declared.length, observed: seen });
  }
  const n = pairs.length;
  const empty = {
    label: measure.label,
    authorities: n,
    meanGapPoints: null,
    interval: null,
    meanDeclared: null,
    meanObserved: null,
  };
  if (n < MIN_CELL) return empty;
  const gaps = pairs.map((p) => (p.declared - p.observed) * 100);
  const mean = gaps.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(gaps.reduce((total, g) => total + (g - mean) ** 2, 0) / (n - 1));
  const half = (Z_95 * sd) / Math.sqrt(n);
  return {
    ...empty,
    meanGapPoints: mean,
    interval: { lower: mean - half, upper: mean + half },
    meanDeclared: pairs.reduce((t, p) => t + p.declared, 0) / n,
    meanObserved: pairs.reduce((t, p) => t + p.observed, 0) / n,
  };
}
