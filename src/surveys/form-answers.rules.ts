import type { AnswerProblem, Answers } from './answers.rules.ts';
import type { QuestionnairePage } from './questionnaire.rules.ts';

/**
 * Reading a posted page of the questionnaire (HTML form without JavaScript) into answers. Field
 * names: the question's name; `name.row` for each row of a matrix; `name.choice` for the rank
 * given to each choice of a ranking. What cannot be read (a number written « douze ») is
 * reported here; everything else is checked by answers.rules.ts.
 */
export function readPageForm(
  page: QuestionnairePage,
  values: (name: string) => string[],
): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  const one = (name: string) => (values(name)[0] ?? '').trim();
  for (const question of page.questions) {
    switch (question.type) {
      case 'checkbox': {
        const chosen = values(question.name).filter((v) => v !== '');
        if (chosen.length > 0) answers[question.name] = chosen;
        break;
      }
      case 'matrix': {
        const rows: Record<string, string> = {};
        for (const row of question.rows) {
          const value = one(`${question.name}.${row.value}`);
          if (value !== '') rows[row.value] = value;
        }
        if (Object.keys(rows).length > 0) answers[question.name] = rows;
        break;
      }
      case 'ranking': {
        const ranks = question.choices.map((choice) => ({
          choice: choice.value,
          rank: one(`${question.name}.${choice.value}`),
        }));
        if (ranks.every((r) => r.rank === '')) break;
        const numbers = ranks.map((r) => Number(r.rank));
        const valid =
          numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= ranks.length) &&
          new Set(numbers).size === ranks.length;
        if (!valid) {
          problems.push({
            question: question.name,
            message: `Donnez à chaque proposition un rang différent, de 1 à ${ranks.length}.`,
          });
          break;
        }
        answers[question.name] = ranks
          .map((r, i) => ({ choice: r.choice, rank: numbers[i] ?? 0 }))
          .sort((a, b) => a.rank - b.rank)
          .map((r) => r.choice);
        break;
      }
      case 'rating':
      case 'number': {
        const text = one(question.name);
        if (text === '') break;
        const number = parseFrenchNumber(text);
        if (number === undefined)
          problems.push({ question: question.name, message: 'Indiquez un nombre, par exemple 12 ou 12,5.' });
        else answers[question.name] = number;
        break;
      }
      default: {
        const text = question.type === 'comment' ? (values(question.name)[0] ?? '') : one(question.name);
        if (text.trim() !== '') answers[question.name] = text;
      }
    }
  }
  return { answers, problems };
}

/** « 12 », « 12,5 », « 1 200 », « 12.5 »: a number as people type it in France. */
export function parseFrenchNumber(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return undefined;
  return Number(compact);
}
