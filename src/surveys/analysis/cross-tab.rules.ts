import { type ChiSquareResult, chiSquareIndependence } from '../../indicators/statistics/chi-square.ts';
import type { AnswerValue } from '../answers.rules.ts';
import type { Question } from '../questionnaire.rules.ts';
import { answerCategories, categoriesOf, MIN_CELL } from './estimates.rules.ts';

/**
 * Cross-tabulation of a single-answer question (single choice, scale, first-ranked choice) by a
 * respondent attribute (profile, kind of authority, size band), with Pearson's chi-square test.
 * Groups with fewer than MIN_CELL respondents are suppressed from the table and the test alike:
 * they are counted apart so readers know respondents were left out.
 */

export type CrossTabVariable = 'profile' | 'kind' | 'size';

export interface CrossTab {
  question: string;
  by: CrossTabVariable;
  categories: string[];
  /** Groups shown, each with its counts per category (same order) and its respondents. */
  groups: { group: string; counts: number[]; respondents: number }[];
  /** Respondents of groups too small to show. */
  suppressed: number;
  test: ChiSquareResult;
}

export function crossTabbable(question: Question): boolean {
  return question.type === 'radiogroup' || question.type === 'rating' || question.type === 'ranking';
}

export function crossTab(
  question: Question,
  by: CrossTabVariable,
  answers: readonly (AnswerValue | undefined)[],
  groupOf: readonly string[],
  groupOrder: readonly string[],
): CrossTab {
  const categories = categoriesOf(question);
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = new Map<string, number[]>();
  answers.forEach((value, i) => {
    const category = answerCategories(question, value)[0];
    const column = category === undefined ? undefined : index.get(category);
    if (column === undefined) return;
    const group = groupOf[i] ?? '';
    let row = counts.get(group);
    if (!row) {
      row = categories.map(() => 0);
      counts.set(group, row);
    }
    row[column] = (row[column] ?? 0) + 1;
  });
  const groups: CrossTab['groups'] = [];
  let suppressed = 0;
  const ordered = [...groupOrder, ...[...counts.keys()].filter((g) => !groupOrder.includes(g)).sort()];
  for (const group of ordered) {
    const row = counts.get(group);
    if (!row) continue;
    const respondents = row.reduce((a, b) => a + b, 0);
    if (respondents < MIN_CELL) suppressed += respondents;
    else groups.push({ group, counts: row, respondents });
  }
  return {
    question: question.name,
    by,
    categories,
    groups,
    suppressed,
    test: chiSquareIndependence(groups.map((g) => g.counts)),
  };
}
