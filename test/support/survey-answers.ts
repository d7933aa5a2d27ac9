import { Rng } from '../../src/farm/random.ts';
import type { Answers } from '../../src/surveys/answers.rules.ts';
import type { Question, Questionnaire } from '../../src/surveys/questionnaire.rules.ts';
import { isVisible } from '../../src/surveys/visibility.ts';

/** A deterministic generator (the farm's mulberry32), so generated responses are the same every run. */
export function seededRandom(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

function answerTo(question: Question, random: () => number): Answers[string] | undefined {
  switch (question.type) {
    case 'radiogroup':
      return pick(question.choices, random).value;
    case 'checkbox': {
      const chosen = question.choices.filter(() => random() < 0.4).map((c) => c.value);
      const limited = chosen.slice(0, question.maxSelected ?? chosen.length);
      return limited.length > 0 ? limited : [pick(question.choices, random).value];
    }
    case 'ranking':
      return [...question.choices].sort(() => random() - 0.5).map((c) => c.value);
    case 'rating':
      return question.min + Math.floor(random() * (question.max - question.min + 1));
    case 'matrix':
      return Object.fromEntries(
        question.rows.map((row) => [row.value, pick(question.columns, random).value]),
      );
    case 'number': {
      const min = question.min ?? 0;
      const max = question.max ?? min + 1000;
      return Math.round(min + random() * (max - min));
    }
    default:
      return random() < 0.3 ? 'Un commentaire libre.' : undefined;
  }
}

/**
 * A complete, valid response to a questionnaire, page by page: each question visible given
 * the answers before it gets a random valid answer; hidden questions stay unanswered.
 */
export function generatedResponse(
  questionnaire: Questionnaire,
  random: () => number,
): Record<string, Answers> {
  const all: Answers = {};
  const pages: Record<string, Answers> = {};
  for (const page of questionnaire.pages) {
    const answers: Answers = {};
    for (const question of page.questions) {
      if (!isVisible(question, all)) continue;
      const value = answerTo(question, random);
      if (value === undefined) continue;
      answers[question.name] = value;
      all[question.name] = value;
    }
    pages[page.name] = answers;
  }
  return pages;
}
