import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { type InputProblem, UserError } from '../shared/errors.ts';
import { type Questionnaire, readQuestionnaire } from './questionnaire.rules.ts';

/** `<package root>/data/surveys`, wherever the package is installed. */
export function surveysDir(): string {
  return fileURLToPath(new URL('../../data/surveys', import.meta.url));
}

export interface QuestionnaireSource {
  template: string;
  edition: string;
  /** The document as stored: canonical JSON of the file. */
  definition: string;
  checksum: string;
  questionnaire: Questionnaire;
}

/** Templates shipped in data/surveys/, each with its editions. */
export function listTemplates(dir = surveysDir()): { template: string; editions: string[] }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      template: entry.name,
      editions: fs
        .readdirSync(path.join(dir, entry.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .sort(),
    }))
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** Reads and validates one edition of a template; throws with every problem located. */
export function loadTemplate(template: string, edition: string, dir = surveysDir()): QuestionnaireSource {
  const file = path.join(dir, template, `${edition}.json`);
  const label = `${template}/${edition}.json`;
  if (!/^[a-z0-9-]+$/.test(template) || !/^[a-z0-9.-]+$/.test(edition) || !fs.existsSync(file)) {
    const known = listTemplates(dir)
      .map((t) => `${t.template} (${t.editions.join(', ')})`)
      .join(' ; ');
    throw new UserError('not_found', `Questionnaire ${label} introuvable. Disponibles : ${known}.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError('input_invalid', `${label} n’est pas un JSON valide.`, [
      { file: label, message: (error as Error).message },
    ]);
  }
  return { template, edition, ...validateDefinition(document, label) };
}

/**
 * A SurveyJS document is valid when survey-core loads it without JSON errors (unknown
 * properties or types, misspelt attributes) and Baromètre can collect and analyse every
 * question in it (questionnaire.rules.ts).
 */
export function validateDefinition(
  document: unknown,
  label: string,
): { definition: string; checksum: string; questionnaire: Questionnaire } {
  const problems: InputProblem[] = surveyCoreProblems(document, label);
  const read = readQuestionnaire(document, label);
  if (!read.ok) problems.push(...read.problems);
  if (problems.length > 0 || !read.ok) {
    throw new UserError(
      'input_invalid',
      `Questionnaire ${label} invalide : ${problems.length} problème(s).`,
      problems,
    );
  }
  const definition = JSON.stringify(document);
  return {
    definition,
    checksum: createHash('sha256').update(definition).digest('hex'),
    questionnaire: read.questionnaire,
  };
}

function surveyCoreProblems(document: unknown, label: string): InputProblem[] {
  if (typeof document !== 'object' || document === null)
    return [{ file: label, message: 'document JSON attendu' }];
  const model = new Model(document);
  return (model.jsonErrors ?? []).map((error) => ({
    file: label,
    message: `survey-core : ${error.message}`,
  }));
}

/** The questionnaire of a stored definition (already validated when it was stored). */
export function storedQuestionnaire(definition: string, label: string): Questionnaire {
  const read = readQuestionnaire(JSON.parse(definition), label);
  if (!read.ok)
    throw new Error(`Stored questionnaire ${label} no longer reads: ${read.problems[0]?.message}`);
  return read.questionnaire;
}
