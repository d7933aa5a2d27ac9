import { z } from 'zod';
import type { InputProblem } from '../shared/errors.ts';

/**
 * A questionnaire is a SurveyJS JSON document (data/surveys/). survey-core checks that it is a
 * well-formed SurveyJS model (questionnaire.validate.ts); these rules read it into the smaller
 * model Baromètre collects and analyses, and refuse what we could not collect without
 * JavaScript or analyse: unknown question types, duplicate names, choices without values.
 */

export type QuestionType =
  | 'radiogroup'
  | 'checkbox'
  | 'rating'
  | 'matrix'
  | 'ranking'
  | 'number'
  | 'text'
  | 'comment';

export interface Choice {
  value: string;
  text: string;
}

interface BaseQuestion {
  name: string;
  title: string;
  description?: string;
  required: boolean;
  /** SurveyJS condition over earlier answers; the question is asked only when it holds. */
  visibleIf?: string;
}

export type Question =
  | (BaseQuestion & { type: 'radiogroup'; choices: Choice[] })
  | (BaseQuestion & { type: 'checkbox'; choices: Choice[]; maxSelected?: number })
  | (BaseQuestion & { type: 'ranking'; choices: Choice[] })
  | (BaseQuestion & {
      type: 'rating';
      min: number;
      max: number;
      minLabel?: string;
      maxLabel?: string;
    })
  | (BaseQuestion & { type: 'matrix'; rows: Choice[]; columns: Choice[] })
  | (BaseQuestion & { type: 'number'; min?: number; max?: number })
  | (BaseQuestion & { type: 'text' | 'comment' });

export interface QuestionnairePage {
  name: string;
  title: string;
  questions: Question[];
}

export interface Questionnaire {
  title: string;
  description?: string;
  pages: QuestionnairePage[];
}

const choiceSchema = z.union([
  z.string().min(1),
  z.object({ value: z.union([z.string().min(1), z.number()]), text: z.string().min(1).optional() }),
]);

const elementSchema = z
  .object({
    type: z.string(),
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'nom en minuscules, chiffres et « _ » (ex. « taille »)'),
    title: z.string().min(1),
    description: z.string().optional(),
    isRequired: z.boolean().optional(),
    isAllRowRequired: z.boolean().optional(),
    visibleIf: z.string().min(1).optional(),
    choices: z.array(choiceSchema).optional(),
    rows: z.array(choiceSchema).optional(),
    columns: z.array(choiceSchema).optional(),
    rateMin: z.number().int().optional(),
    rateMax: z.number().int().optional(),
    minRateDescription: z.string().optional(),
    maxRateDescription: z.string().optional(),
    maxSelectedChoices: z.number().int().positive().optional(),
    inputType: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .loose();

const documentSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    pages: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z][a-z0-9_]*$/),
            title: z.string().min(1),
            elements: z.array(z.unknown()).min(1),
          })
          .loose(),
      )
      .min(1),
  })
  .loose();

export type ReadOutcome =
  | { ok: true; questionnaire: Questionnaire }
  | { ok: false; problems: InputProblem[] };

/** Reads a SurveyJS document into a questionnaire, or lists every problem with its place. */
export function readQuestionnaire(document: unknown, file: string): ReadOutcome {
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.') || undefined,
        message: issue.message,
      })),
    };
  }
  const problems: InputProblem[] = [];
  const names = new Set<string>();
  const pages: QuestionnairePage[] = [];
  parsed.data.pages.forEach((page, pageIndex) => {
    const questions: Question[] = [];
    page.elements.forEach((raw, index) => {
      const field = `pages.${pageIndex}.elements.${index}`;
      const element = elementSchema.safeParse(raw);
      if (!element.success) {
        for (const issue of element.error.issues)
          problems.push({ file, field: [field, ...issue.path].join('.'), message: issue.message });
        return;
      }
      const question = toQuestion(element.data);
      if (typeof question === 'string') {
        problems.push({ file, field: `${field} (${element.data.name})`, message: question });
        return;
      }
      if (names.has(question.name)) {
        problems.push({
          file,
          field: `${field} (${question.name})`,
          message: 'nom de question déjà utilisé',
        });
      }
      names.add(question.name);
      questions.push(question);
    });
    pages.push({ name: page.name, title: page.title, questions });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    questionnaire: { title: parsed.data.title, description: parsed.data.description, pages },
  };
}

type Element = z.infer<typeof elementSchema>;

function toChoices(list: Element['choices']): Choice[] | string {
  if (!list || list.length === 0) return 'liste de choix vide';
  const choices = list.map((item) =>
    typeof item === 'string'
      ? { value: item, text: item }
      : { value: String(item.value), text: item.text ?? String(item.value) },
  );
  const values = new Set(choices.map((choice) => choice.value));
  if (values.size !== choices.length) return 'deux choix ont la même valeur';
  return choices;
}

/** One question of our model, or why the element cannot be collected. */
function toQuestion(element: Element): Question | string {
  const base: BaseQuestion = {
    name: element.name,
    title: element.title,
    required: element.isRequired === true || element.isAllRowRequired === true,
    ...(element.description === undefined ? {} : { description: element.description }),
    ...(element.visibleIf === undefined ? {} : { visibleIf: element.visibleIf }),
  };
  switch (element.type) {
    case 'radiogroup':
    case 'dropdown':
    case 'ranking':
    case 'checkbox': {
      const choices = toChoices(element.choices);
      if (typeof choices === 'string') return choices;
      if (element.type === 'checkbox')
        return { ...base, type: 'checkbox', choices, maxSelected: element.maxSelectedChoices };
      return { ...base, type: element.type === 'ranking' ? 'ranking' : 'radiogroup', choices };
    }
    case 'rating': {
      const min = element.rateMin ?? 1;
      const max = element.rateMax ?? 5;
      if (max <= min || max - min > 20)
        return 'échelle invalide : rateMax doit dépasser rateMin (20 crans au plus)';
      return {
        ...base,
        type: 'rating',
        min,
        max,
        ...(element.minRateDescription ? { minLabel: element.minRateDescription } : {}),
        ...(element.maxRateDescription ? { maxLabel: element.maxRateDescription } : {}),
      };
    }
    case 'matrix': {
      const rows = toChoices(element.rows);
      const columns = toChoices(element.columns);
      if (typeof rows === 'string') return `lignes : ${rows}`;
      if (typeof columns === 'string') return `colonnes : ${columns}`;
      return { ...base, type: 'matrix', rows, columns };
    }
    case 'text':
      if (element.inputType === 'number') {
        if (element.min !== undefined && element.max !== undefined && element.max < element.min)
          return 'max inférieur à min';
        return { ...base, type: 'number', min: element.min, max: element.max };
      }
      if (element.inputType !== undefined && element.inputType !== 'text')
        return `inputType « ${element.inputType} » non pris en charge (number ou text)`;
      return { ...base, type: 'text' };
    case 'comment':
      return { ...base, type: 'comment' };
    default:
      return `type de question « ${element.type} » non pris en charge (radiogroup, dropdown, checkbox, rating, matrix, ranking, text, comment)`;
  }
}

/** Every question, in order, with the page it is on. */
export function allQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.pages.flatMap((page) => page.questions);
}

/** Whether answers to this question are free text (never published unmoderated). */
export function isFreeText(question: Question): boolean {
  return question.type === 'text' || question.type === 'comment';
}
