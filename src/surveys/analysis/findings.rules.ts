import { chiSquareSentence } from '../../indicators/statistics/chi-square.ts';
import { formatCount, formatDecimal } from '../../indicators/statistics/reading.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { PROFILE_LABELS, SIZE_LABELS } from '../campaign.rules.ts';
import type { Question } from '../questionnaire.rules.ts';
import type { CrossTabVariable } from './cross-tab.rules.ts';
import type { Interval, ShareEstimate } from './estimates.rules.ts';
import type { SurveyAnalysis, WeightDimension } from './survey-analysis.rules.ts';

/**
 * The survey's findings in French sentences, like the audit's: who answered and how the
 * answers were weighted, the most frequent answer of each question, means of scales, and the
 * cross-tabs whose association is significant. Weighted figures are preferred when weighting
 * was possible; every figure carries its 95 % interval. Pure.
 */

const NBSP = '\u202f';
const percent = (share: number) => `${formatDecimal(share * 100, 0)}${NBSP}%`;
const percentInterval = (interval: Interval) =>
  `IC 95${NBSP}% : ${formatDecimal(interval.lower * 100, 0)} à ${formatDecimal(interval.upper * 100, 0)}${NBSP}%`;

export const BY_LABELS: Record<CrossTabVariable, string> = {
  profile: 'le profil du répondant (agent ou élu)',
  kind: 'le type de collectivité',
  size: 'la taille de la collectivité',
};

export const WEIGHT_DIMENSION_LABELS: Record<WeightDimension, string> = {
  kind: 'type',
  size: 'taille',
  region: 'région',
};

/** Respondents that would give the weighted figures' precision without weighting (n / deff, Kish). */
export function equivalentRespondents(analysis: SurveyAnalysis): number | null {
  const deff = analysis.weighting.designEffect;
  return deff === null ? null : Math.floor(analysis.respondents / deff);
}

export function groupLabel(by: CrossTabVariable, group: string): string {
  if (by === 'profile') return PROFILE_LABELS[group as keyof typeof PROFILE_LABELS] ?? group;
  if (by === 'size') return SIZE_LABELS[group as keyof typeof SIZE_LABELS] ?? group;
  return authorityKindName(group as never) ?? group;
}

/** The text of a category of a question: a choice, a note, or « ligne : colonne » of a matrix. */
export function categoryLabel(question: Question, category: string): string {
  if (question.type === 'matrix') {
    const [row, column] = category.split(':');
    const rowText = question.rows.find((r) => r.value === row)?.text ?? row;
    const columnText = question.columns.find((c) => c.value === column)?.text ?? column;
    return `${rowText} : ${columnText}`;
  }
  if ('choices' in question) return question.choices.find((c) => c.value === category)?.text ?? category;
  return category;
}

export function surveyFindings(analysis: SurveyAnalysis): string[] {
  const sentences: string[] = [];
  const { weighting } = analysis;
  sentences.push(
    `${formatCount(analysis.respondents)} réponse${analysis.respondents > 1 ? 's' : ''} complète${analysis.respondents > 1 ? 's' : ''} analysée${analysis.respondents > 1 ? 's' : ''}.`,
  );
  if (weighting.dimensions.length > 0 && weighting.designEffect !== null) {
    sentences.push(
      `Les réponses sont redressées sur la population de ${formatCount(weighting.populationTotal)} collectivités par ${weighting.dimensions.map((d) => WEIGHT_DIMENSION_LABELS[d]).join(', ')} (effet de plan ${formatDecimal(weighting.designEffect, 2)} : la précision équivaut à ${formatCount(equivalentRespondents(analysis) ?? 0)} réponses sans redressement).`,
    );
  } else {
    sentences.push(
      'Les réponses ne sont pas redressées : trop peu de répondants pour représenter la population.',
    );
  }
  const weighted = analysis.weights !== null;
  for (const result of analysis.questions) {
    const { question } = result;
    if (result.mean && result.mean.mean !== null) {
      const value = weighted ? result.mean.weightedMean : result.mean.mean;
      const interval = weighted ? result.mean.weightedInterval : result.mean.interval;
      if (value !== null && interval !== null) {
        const scale = question.type === 'rating' ? ` sur ${question.max}` : '';
        sentences.push(
          `« ${question.title} » : ${formatDecimal(value, 1)}${scale} en moyenne (IC 95${NBSP}% : ${formatDecimal(interval.lower, 1)} à ${formatDecimal(interval.upper, 1)}).`,
        );
      }
      continue;
    }
    if (!result.frequencies || question.type === 'matrix' || question.type === 'rating') continue;
    const top = topShare(result.frequencies.shares, weighted);
    if (!top) continue;
    const [category, share, interval] = top;
    const subject = question.type === 'ranking' ? 'classé en premier' : 'réponse la plus fréquente';
    sentences.push(
      `« ${question.title} » : ${subject}, « ${categoryLabel(question, category)} » (${percent(share)}, ${percentInterval(interval)}).`,
    );
  }
  const gap = analysis.gap;
  if (gap && gap.meanGapPoints !== null && gap.interval !== null) {
    const points = Math.abs(gap.meanGapPoints);
    const direction = gap.meanGapPoints >= 0 ? 'dépasse de' : 'est inférieure de';
    sentences.push(
      `Pour les ${formatCount(gap.authorities)} collectivités à la fois interrogées et auditées, ${gap.label} déclarée ${direction} ${formatDecimal(points, 1)} points en moyenne celle observée par l’audit (IC 95${NBSP}% : ${formatDecimal(gap.interval.lower, 1)} à ${formatDecimal(gap.interval.upper, 1)} points).`,
    );
  } else if (gap && gap.authorities > 0) {
    sentences.push(
      `Trop peu de collectivités à la fois interrogées et auditées (${formatCount(gap.authorities)}) pour comparer leurs déclarations à l’audit.`,
    );
  }
  for (const table of analysis.crossTabs) {
    if (table.test.status !== 'ok' || table.test.pValue >= 0.05) continue;
    const question = analysis.questions.find((q) => q.question.name === table.question)?.question;
    if (!question) continue;
    sentences.push(
      chiSquareSentence(table.test, {
        rows: BY_LABELS[table.by],
        columns: `la réponse à « ${question.title} »`,
      }),
    );
  }
  return sentences;
}

function topShare(
  shares: Record<string, ShareEstimate>,
  weighted: boolean,
): [string, number, Interval] | undefined {
  let best: [string, number, Interval] | undefined;
  for (const [category, estimate] of Object.entries(shares)) {
    const share = weighted ? estimate.weightedShare : estimate.share;
    const interval = weighted ? estimate.weightedInterval : estimate.interval;
    if (share === null || interval === null) continue;
    if (!best || share > best[1]) best = [category, share, interval];
  }
  return best;
}
