import { SIZE_BANDS, sizeBand } from '../campaign.rules.ts';
import { allQuestions, isFreeText, type Question, type Questionnaire } from '../questionnaire.rules.ts';
import { type CrossTab, type CrossTabVariable, crossTab, crossTabbable } from './cross-tab.rules.ts';
import type { DeclaredGap } from './declared-gap.rules.ts';
import { type Frequencies, frequencies, type MeanEstimate, meanEstimate } from './estimates.rules.ts';
import type { PopulationCell } from './population-cells.query.ts';
import { designEffect, type Margins, rake } from './raking.rules.ts';
import type { Respondent } from './respondents.query.ts';

/**
 * The whole analysis of a campaign's submitted responses: weights raked to the population of
 * authorities, then per question frequencies or means (unweighted and weighted), and the
 * cross-tabs of every single-answer question by profile, kind and size. Pure.
 */

export type WeightDimension = 'kind' | 'size' | 'region';
const DIMENSIONS: readonly WeightDimension[] = ['kind', 'size', 'region'];

export interface Weighting {
  /** Dimensions the weights reproduce; empty when no weighting was possible. */
  dimensions: WeightDimension[];
  /** Dimensions left out, and why (a category without respondent, typically). */
  dropped: { dimension: WeightDimension; reason: string }[];
  /**
   * Régions with fewer than MIN_RESPONDENTS_PER_REGION respondents, weighted together as one
   * category (« autres régions ») rather than dropping the région from the weighting.
   */
  pooledRegions: { code: string; name: string }[];
  designEffect: number | null;
  populationTotal: number;
}

export interface QuestionResult {
  question: Question;
  frequencies?: Frequencies;
  mean?: MeanEstimate;
  /** Free-text answers: counted, never published unmoderated. */
  freeTextAnswers?: number;
}

export interface SurveyAnalysis {
  respondents: number;
  weighting: Weighting;
  weights: number[] | null;
  questions: QuestionResult[];
  crossTabs: CrossTab[];
  /** Declared against observed digitalisation, when the template has a measure of it. */
  gap?: DeclaredGap;
}

export const CROSS_TAB_VARIABLES: readonly CrossTabVariable[] = ['profile', 'kind', 'size'];

function categoryOf(respondent: Respondent, dimension: WeightDimension): string {
  if (dimension === 'kind') return respondent.kind;
  if (dimension === 'size') return sizeBand(respondent.population);
  return respondent.regionCode ?? 'inconnue';
}

/** Fewer respondents than this in a région, and it is weighted together with the other such. */
export const MIN_RESPONDENTS_PER_REGION = 5;
const POOLED_REGIONS = 'autres régions';

/**
 * The régions weighted together: those with fewer than MIN_RESPONDENTS_PER_REGION respondents
 * (a survey of 300 answers leaves some of the 18 régions empty, which would otherwise rule the
 * whole région dimension out), and, should none of those have any respondent, the least
 * represented of the others too, so that the pooled category has someone to carry its weight.
 */
export function regionsToPool(
  respondents: readonly Respondent[],
  population: readonly PopulationCell[],
): Set<string> {
  const counts = new Map<string, number>();
  for (const cell of population) counts.set(cell.regionCode, 0);
  for (const r of respondents) {
    if (r.regionCode !== null && counts.has(r.regionCode))
      counts.set(r.regionCode, (counts.get(r.regionCode) ?? 0) + 1);
  }
  const pooled = new Set([...counts].filter(([, n]) => n < MIN_RESPONDENTS_PER_REGION).map(([code]) => code));
  if (pooled.size === 0) return pooled;
  const rest = [...counts]
    .filter(([code]) => !pooled.has(code))
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  let pooledRespondents = [...pooled].reduce((total, code) => total + (counts.get(code) ?? 0), 0);
  for (const [code, n] of rest) {
    if (pooledRespondents > 0) break;
    pooled.add(code);
    pooledRespondents += n;
  }
  // Everything pooled is one category: no weighting by région left to do.
  return pooled.size === counts.size ? new Set() : pooled;
}

/** « 2 région(s) de moins de 5 répondants, redressées ensemble : Bretagne, Corse » (CLI, report). */
export function pooledRegionsText(regions: readonly { name: string }[]): string {
  return `${regions.length} région(s) de moins de ${MIN_RESPONDENTS_PER_REGION} répondants, redressées ensemble : ${regions.map((r) => r.name).join(', ')}`;
}

/**
 * Rakes to kind, size band and région, the least represented régions pooled (regionsToPool); a
 * dimension that still cannot be raked to (a size band with no respondent, say) is dropped and
 * the others are tried again, so small samples still get the weighting they can support, and
 * the report says which.
 */
export function weightRespondents(
  respondents: readonly Respondent[],
  cells: readonly PopulationCell[],
): { weights: number[] | null; weighting: Weighting } {
  const kinds = new Set(respondents.map((r) => r.kind));
  const population = cells.filter((cell) => kinds.has(cell.kind));
  const populationTotal = population.reduce((total, cell) => total + cell.authorities, 0);
  const pooled = regionsToPool(respondents, population);
  const regionOf = (code: string) => (pooled.has(code) ? POOLED_REGIONS : code);
  const names = new Map(population.map((cell) => [cell.regionCode, cell.regionName]));
  const pooledRegions = [...pooled]
    .map((code) => ({ code, name: names.get(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const dropped: Weighting['dropped'] = [];
  let dimensions = [...DIMENSIONS];
  while (dimensions.length > 0 && respondents.length > 0) {
    const margins: Margins = {};
    for (const dimension of dimensions) {
      const margin: Record<string, number> = {};
      for (const cell of population) {
        const category =
          dimension === 'kind' ? cell.kind : dimension === 'size' ? cell.size : regionOf(cell.regionCode);
        margin[category] = (margin[category] ?? 0) + cell.authorities;
      }
      margins[dimension] = margin;
    }
    const units = respondents.map((r) =>
      Object.fromEntries(
        dimensions.map((d) => [d, d === 'region' ? regionOf(categoryOf(r, d)) : categoryOf(r, d)]),
      ),
    );
    const result = rake(units, margins);
    if (result.status === 'ok') {
      return {
        weights: result.weights,
        weighting: {
          dimensions,
          dropped,
          pooledRegions: dimensions.includes('region') ? pooledRegions : [],
          designEffect: designEffect(result.weights),
          populationTotal,
        },
      };
    }
    const culprit =
      (result.dimension as WeightDimension | undefined) ?? (dimensions.at(-1) as WeightDimension);
    dropped.push({ dimension: culprit, reason: result.message });
    dimensions = dimensions.filter((d) => d !== culprit);
  }
  return {
    weights: null,
    weighting: { dimensions: [], dropped, pooledRegions: [], designEffect: null, populationTotal },
  };
}

export function analyseSurvey(
  questionnaire: Questionnaire,
  respondents: readonly Respondent[],
  cells: readonly PopulationCell[],
): SurveyAnalysis {
  const { weights, weighting } = weightRespondents(respondents, cells);
  const questions: QuestionResult[] = [];
  const crossTabs: CrossTab[] = [];
  const groupsBy: Record<CrossTabVariable, { of: string[]; order: readonly string[] }> = {
    profile: { of: respondents.map((r) => r.profile), order: ['agent', 'elu', 'collectivite'] },
    kind: {
      of: respondents.map((r) => r.kind),
      order: ['region', 'collectivite_unique', 'departement', 'epci', 'commune'],
    },
    size: { of: respondents.map((r) => sizeBand(r.population)), order: SIZE_BANDS },
  };
  for (const question of allQuestions(questionnaire)) {
    const answers = respondents.map((r) => r.answers[question.name]);
    if (isFreeText(question)) {
      questions.push({
        question,
        freeTextAnswers: answers.filter((a) => typeof a === 'string' && a !== '').length,
      });
      continue;
    }
    const result: QuestionResult = { question };
    if (question.type !== 'number') result.frequencies = frequencies(question, answers, weights);
    if (question.type === 'rating' || question.type === 'number')
      result.mean = meanEstimate(question, answers, weights);
    questions.push(result);
    if (!crossTabbable(question)) continue;
    for (const by of CROSS_TAB_VARIABLES) {
      const groups = groupsBy[by];
      // A variable with a single group says nothing (a survey of agents only, say).
      if (new Set(groups.of).size < 2) continue;
      crossTabs.push(crossTab(question, by, answers, groups.of, groups.order));
    }
  }
  return { respondents: respondents.length, weighting, weights, questions, crossTabs };
}
