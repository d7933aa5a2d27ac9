import { ConditionRunner } from 'survey-core';
import type { Answers } from './answers.rules.ts';
import type { Question } from './questionnaire.rules.ts';

/**
 * Display logic is evaluated by survey-core's own expression engine, so that a condition
 * means on the server exactly what it means in SurveyJS. Conditions are compiled once each.
 */
const compiled = new Map<string, ConditionRunner>();

export function isVisible(question: Question, answers: Answers): boolean {
  if (question.visibleIf === undefined) return true;
  let runner = compiled.get(question.visibleIf);
  if (!runner) {
    runner = new ConditionRunner(question.visibleIf);
    compiled.set(question.visibleIf, runner);
  }
  return runner.runValues(answers) === true;
}
