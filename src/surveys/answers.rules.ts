import type { Question, Questionnaire, QuestionnairePage } from './questionnaire.rules.ts';
import { isVisible } from './visibility.ts';

/**
 * Answers as stored: one value per question name. Radiogroup → choice value; checkbox →
 * choice values; ranking → choice values, most important first; rating and number → number;
 * matrix → column value per row; text and comment → string.
 */
export type AnswerValue = string | number | string[] | Record<string, string>;
export type Answers = Record<string, AnswerValue>;

/** A problem with one question's answer, in French, for the error summary. */
export interface AnswerProblem {
  question: string;
  message: string;
}

/** Free text longer than this is refused: a page is not a document store. */
export const MAX_TEXT_LENGTH = 5000;

/**
 * Checks the answers of one page against its questions: required answers, types, ranges and
 * choices. Questions hidden by their display logic (given every answer so far) must stay
 * unanswered and are dropped, so that a changed earlier answer cannot leave stale values.
 * Returns the answers to keep for the page and the problems.
 */
export function validatePage(
  page: QuestionnairePage,
  pageAnswers: Answers,
  earlierAnswers: Answers,
): { answers: Answers; problems: AnswerProblem[] } {
  const context = { ...earlierAnswers, ...pageAnswers };
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  for (const question of page.questions) {
    if (!isVisible(question, context)) continue;
    const value = pageAnswers[question.name];
    if (isEmpty(value)) {
      if (question.required) problems.push({ question: question.name, message: requiredMessage(question) });
      continue;
    }
    const message = checkValue(question, value as AnswerValue);
    if (message) problems.push({ question: question.name, message });
    else answers[question.name] = value as AnswerValue;
  }
  return { answers, problems };
}

/**
 * Checks a whole response before submission, page after page, each page seeing the answers
 * of the pages before it: the same rules as saving, so a submitted response is always valid.
 */
export function validateResponse(
  questionnaire: Questionnaire,
  answers: Answers,
): { answers: Answers; problems: (AnswerProblem & { page: string })[] } {
  let kept: Answers = {};
  const problems: (AnswerProblem & { page: string })[] = [];
  for (const page of questionnaire.pages) {
    const result = validatePage(page, answers, kept);
    kept = { ...kept, ...result.answers };
    for (const problem of result.problems) problems.push({ ...problem, page: page.name });
  }
  return { answers: kept, problems };
}

export function isEmpty(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function requiredMessage(question: Question): string {
  switch (question.type) {
    case 'checkbox':
      return 'Cochez au moins une réponse.';
    case 'radiogroup':
      return 'Choisissez une réponse.';
    case 'rating':
      return `Choisissez une note de ${question.min} à ${question.max}.`;
    case 'matrix':
      return 'Répondez pour chaque ligne.';
    case 'ranking':
      return 'Classez chaque proposition.';
    case 'number':
      return 'Indiquez un nombre.';
    default:
      return 'Cette question est obligatoire.';
  }
}

const known = (choices: { value: string }[], value: string) =>
  choices.some((choice) => choice.value === value);
const formatNumber = (n: number) => n.toLocaleString('fr-FR');

/** Why a non-empty value does not fit its question, or undefined when it does. */
function checkValue(question: Question, value: AnswerValue): string | undefined {
  switch (question.type) {
    case 'radiogroup':
      return typeof value === 'string' && known(question.choices, value) ? undefined : 'Réponse inconnue.';
    case 'checkbox': {
      if (!Array.isArray(value) || !value.every((v) => known(question.choices, v)))
        return 'Réponse inconnue.';
      if (new Set(value).size !== value.length) return 'Une réponse est cochée deux fois.';
      if (question.maxSelected !== undefined && value.length > question.maxSelected)
        return `Cochez ${question.maxSelected} réponses au plus (${value.length} cochées).`;
      return undefined;
    }
    case 'ranking': {
      if (!Array.isArray(value) || !value.every((v) => known(question.choices, v)))
        return 'Réponse inconnue.';
      if (value.length !== question.choices.length || new Set(value).size !== value.length)
        return `Donnez à chaque proposition un rang différent, de 1 à ${question.choices.length}.`;
      return undefined;
    }
    case 'rating':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= question.min &&
        value <= question.max
        ? undefined
        : `Choisissez une note entière de ${question.min} à ${question.max}.`;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return 'Indiquez un nombre, par exemple 12 ou 12,5.';
      if (question.min !== undefined && value < question.min)
        return `Indiquez un nombre supérieur ou égal à ${formatNumber(question.min)}.`;
      if (question.max !== undefined && value > question.max)
        return `Indiquez un nombre inférieur ou égal à ${formatNumber(question.max)}.`;
      return undefined;
    }
    case 'matrix': {
      if (typeof value !== 'object' || Array.isArray(value)) return 'Réponse inconnue.';
      for (const [row, column] of Object.entries(value)) {
        if (!known(question.rows, row) || !known(question.columns, column)) return 'Réponse inconnue.';
      }
      if (question.required) {
        const missing = question.rows.filter((row) => value[row.value] === undefined);
        if (missing.length > 0)
          return `Répondez pour chaque ligne : ${missing.map((row) => `« ${row.text} »`).join(', ')}.`;
      }
      return undefined;
    }
    case 'text':
    case 'comment':
      if (typeof value !== 'string') return 'Réponse invalide.';
      return value.length > MAX_TEXT_LENGTH
        ? `Réponse trop longue : ${formatNumber(MAX_TEXT_LENGTH)} caractères au plus (${formatNumber(value.length)}).`
        : undefined;
  }
}
