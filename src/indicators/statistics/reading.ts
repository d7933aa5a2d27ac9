import type { CorrelationResult } from './correlation.ts';
import type { KappaResult } from './kappa.ts';

/**
 * Plain-French readings of statistics for the public pages and reports. Thresholds, their
 * sources and typographic conventions are in docs/statistics.md; keep the two in step.
 */

// ── Numbers, French style ─────────────────────────────────────────────────────────────────

const MINUS = '\u2212';
const NBSP = '\u00a0';

const decimalFormats = new Map<number, Intl.NumberFormat>();

/**
 * A number with a decimal comma, a fixed number of decimals, a narrow no-break space between
 * thousands (as Intl writes French) and a true minus sign: −0,43. Never « −0,00 ».
 */
export function formatDecimal(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`Nombre non fini : ${value}`);
  let format = decimalFormats.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'negative',
    });
    decimalFormats.set(decimals, format);
  }
  return format.format(value).replace('-', MINUS);
}

/** An integer count: « 35 228 ». */
export function formatCount(value: number): string {
  return formatDecimal(value, 0);
}

/** « p < 0,001 » below one in a thousand, otherwise « p = 0,034 » (three decimals). */
export function formatPValue(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Probabilité hors de [0, 1] : ${p}`);
  return p < 0.001 ? 'p < 0,001' : `p = ${formatDecimal(p, 3)}`;
}

/** « IC 95 % [0,26 ; 0,57] » */
export function formatInterval(interval: { lower: number; upper: number }, decimals = 2): string {
  return `IC 95${NBSP}% [${formatDecimal(interval.lower, decimals)} ; ${formatDecimal(interval.upper, decimals)}]`;
}

// ── Correlation ───────────────────────────────────────────────────────────────────────────

export type CorrelationStrength = 'negligible' | 'weak' | 'moderate' | 'strong';

/**
 * Cohen (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed., §3.2.1:
 * r = .10 small, .30 medium, .50 large effect. Below .10 the correlation is negligible.
 * Each threshold is the lower bound, included, of its class.
 */
export const CORRELATION_STRENGTHS: readonly {
  strength: CorrelationStrength;
  from: number;
  label: string;
}[] = [
  { strength: 'negligible', from: 0, label: 'négligeable' },
  { strength: 'weak', from: 0.1, label: 'faible' },
  { strength: 'moderate', from: 0.3, label: 'modérée' },
  { strength: 'strong', from: 0.5, label: 'forte' },
];

/** Conventional significance level: 5 %, two-sided. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** « statistiquement significative au seuil de 5 % » or « non significative au seuil de 5 % » */
export function significanceText(pValue: number): string {
  return pValue < SIGNIFICANCE_LEVEL
    ? `statistiquement significative au seuil de 5${NBSP}%`
    : `non significative au seuil de 5${NBSP}%`;
}

/**
 * Strength of a correlation, judged on |r| rounded to the two decimals readers see, so that
 * « r = 0,30 » never reads « faible ».
 */
export function correlationStrength(coefficient: number): CorrelationStrength {
  const size = shownAbsolute(coefficient);
  let found: CorrelationStrength = 'negligible';
  for (const entry of CORRELATION_STRENGTHS) if (size >= entry.from) found = entry.strength;
  return found;
}

export interface CorrelationReading {
  strength: CorrelationStrength;
  /** Null when the correlation is negligible: its sign then says nothing. */
  direction: 'positive' | 'negative' | null;
  significant: boolean;
  /** « corrélation positive modérée », « corrélation négligeable » */
  description: string;
  /** « statistiquement significative au seuil de 5 % » or « non significative au seuil de 5 % » */
  significance: string;
  /** « r = 0,43 ; IC 95 % [0,26 ; 0,57] ; n = 101 » */
  figures: string;
}

/** « r = 0,43 ; IC 95 % [0,26 ; 0,57] ; n = 101 » (ρ for Spearman; no interval when n = 3). */
export function formatCorrelationFigures(result: CorrelationResult): string {
  if (result.status !== 'ok') return result.message;
  const symbol = result.method === 'pearson' ? 'r' : 'ρ';
  const parts = [`${symbol} = ${formatDecimal(result.coefficient)}`];
  if (result.ci95 !== null) parts.push(formatInterval(result.ci95));
  parts.push(`n = ${formatCount(result.n)}`);
  return parts.join(' ; ');
}

export function readCorrelation(result: CorrelationResult): CorrelationReading | null {
  if (result.status !== 'ok') return null;
  const strength = correlationStrength(result.coefficient);
  const direction = strength === 'negligible' ? null : result.coefficient > 0 ? 'positive' : 'negative';
  const label = CORRELATION_STRENGTHS.find((s) => s.strength === strength)?.label ?? '';
  const significant = result.pValue < SIGNIFICANCE_LEVEL;
  return {
    strength,
    direction,
    significant,
    description:
      direction === null
        ? `corrélation ${label}`
        : `corrélation ${direction === 'positive' ? 'positive' : 'négative'} ${label}`,
    significance: significanceText(result.pValue),
    figures: formatCorrelationFigures(result),
  };
}

/**
 * One sentence for a page or a report:
 * « Entre le score de numérisation et la population, la corrélation est positive et modérée
 * (r = 0,43 ; IC 95 % [0,26 ; 0,57] ; n = 101), statistiquement significative au seuil de 5 %
 * (p < 0,001). » Variables are given as French noun phrases with their article.
 */
export function correlationSentence(result: CorrelationResult, variables: { x: string; y: string }): string {
  const between = `Entre ${variables.x} et ${variables.y}`;
  if (result.status !== 'ok') {
    return `${between}, la corrélation n’est pas calculable : ${result.message.replace(/^Non calculable : /, '')}.`;
  }
  const strength = correlationStrength(result.coefficient);
  const label = CORRELATION_STRENGTHS.find((s) => s.strength === strength)?.label ?? '';
  const direction = result.coefficient > 0 ? 'positive' : 'négative';
  const what =
    strength === 'negligible' ? `la corrélation est ${label}` : `la corrélation est ${direction} et ${label}`;
  return `${between}, ${what} (${formatCorrelationFigures(result)}), ${significanceText(result.pValue)} (${formatPValue(result.pValue)}).`;
}

/** The caveat every published correlation carries. */
export const CORRELATION_CAVEAT =
  'Une corrélation mesure une association entre deux grandeurs ; elle n’établit pas de lien de cause à effet.';

// ── Agreement (kappa) ─────────────────────────────────────────────────────────────────────

export type AgreementStrength = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost_perfect';

/**
 * Landis & Koch (1977), « The measurement of observer agreement for categorical data »,
 * Biometrics 33(1), 159–174, p. 165: < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60
 * moderate, 0.61–0.80 substantial, 0.81–1 almost perfect. Each bound is the upper bound,
 * included, of its class, except for « poor », which is strictly below 0.
 */
export const AGREEMENT_STRENGTHS: readonly { strength: AgreementStrength; upTo: number; label: string }[] = [
  { strength: 'poor', upTo: 0, label: 'désaccord' },
  { strength: 'slight', upTo: 0.2, label: 'accord très faible' },
  { strength: 'fair', upTo: 0.4, label: 'accord faible' },
  { strength: 'moderate', upTo: 0.6, label: 'accord modéré' },
  { strength: 'substantial', upTo: 0.8, label: 'accord fort' },
  { strength: 'almost_perfect', upTo: 1, label: 'accord presque parfait' },
];

/** Strength of agreement, judged like correlations on κ rounded to the two decimals shown. */
export function agreementStrength(kappa: number): AgreementStrength {
  const shown = Math.sign(kappa) * shownAbsolute(kappa);
  // « poor » is strictly below 0; 0 itself is « slight ».
  if (shown < 0) return 'poor';
  for (const entry of AGREEMENT_STRENGTHS.slice(1)) if (shown <= entry.upTo) return entry.strength;
  return 'almost_perfect';
}

export function agreementLabel(kappa: number): string {
  const strength = agreementStrength(kappa);
  return AGREEMENT_STRENGTHS.find((s) => s.strength === strength)?.label ?? '';
}

const WEIGHTING_LABELS = {
  unweighted: 'κ',
  linear: 'κ pondéré (linéaire)',
  quadratic: 'κ pondéré (quadratique)',
  custom: 'κ pondéré',
} as const;

/** « κ pondéré (quadratique) = 0,62 ; IC 95 % [0,51 ; 0,73] ; accord observé 81 % ; n = 148 » */
export function formatKappaFigures(result: KappaResult): string {
  if (result.status !== 'ok') return result.message;
  return [
    `${WEIGHTING_LABELS[result.weighting]} = ${formatDecimal(result.kappa)}`,
    formatInterval(result.ci95),
    `accord observé ${formatDecimal(100 * result.observedAgreement, 0)}${NBSP}%`,
    `n = ${formatCount(result.n)}`,
  ].join(' ; ');
}

/** « Accord fort (κ = 0,62 ; IC 95 % [0,51 ; 0,73] ; accord observé 81 % ; n = 148) » */
export function kappaSentence(result: KappaResult): string {
  if (result.status !== 'ok') return `${result.message}.`;
  return `${capitalise(agreementLabel(result.kappa))} (${formatKappaFigures(result)}).`;
}

// ── Helpers ───────────────────────────────────────────────────────────────────────────────

/** |x| rounded to two decimals as formatDecimal shows it (both round the exact binary value half up). */
function shownAbsolute(x: number): number {
  return Number(Math.abs(x).toFixed(2));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
