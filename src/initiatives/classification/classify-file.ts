import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type InputProblem, UserError } from '../../shared/errors.ts';
import type { DomainTaxonomy } from '../domains.ts';
import type { DomainClassifier } from './classifier.ts';

/**
 * `barometre initiatives classify FILE.jsonl`: one {"title", "description"} object per line
 * in, one JSON line out per input with the domains, their confidence and the deciding words,
 * so that the classifier can be measured on any labelled set. Every line is checked before
 * any is classified: a file with a bad line produces no output at all. Other fields (an id,
 * the expected domains) are copied through untouched under "input".
 */

const lineSchema = z.looseObject({
  title: z.string({ error: 'champ « title » : texte attendu' }),
  description: z.string({ error: 'champ « description » : texte attendu' }).default(''),
});

export interface ClassifiedLine {
  line: number;
  domains: { domain: string; label: string; confidence: number; words: string[] }[];
  probabilities: Record<string, number>;
  input?: Record<string, unknown>;
}

export async function classifyJsonLines(
  file: string,
  deps: { classifier: DomainClassifier; taxonomy: DomainTaxonomy },
  write: (line: ClassifiedLine) => void,
): Promise<{ lines: number }> {
  const label = path.basename(file);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError('not_found', `Fichier introuvable : ${file}`);
  });
  const problems: InputProblem[] = [];
  const inputs: { line: number; title: string; description: string; rest: Record<string, unknown> }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ file: label, line, message: `JSON invalide (${(error as Error).message})` });
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const message =
        value === null || typeof value !== 'object' || Array.isArray(value)
          ? 'un objet JSON {"title", "description"} est attendu sur chaque ligne'
          : parsed.error.issues.map((issue) => issue.message).join(' ; ');
      problems.push({ file: label, line, message });
      return;
    }
    const { title, description, ...rest } = parsed.data;
    if (`${title}${description}`.trim() === '') {
      problems.push({ file: label, line, message: 'titre et description vides : rien à classer' });
      return;
    }
    inputs.push({ line, title, description, rest });
  });
  if (problems.length > 0) {
    throw new UserError(
      'input_invalid',
      `${label} : ${problems.length} ligne(s) invalide(s), aucune classée`,
      problems,
    );
  }
  const labels = new Map(deps.taxonomy.domains.map((domain) => [domain.key, domain.label]));
  for (const input of inputs) {
    const classification = deps.classifier.classify(input.title, input.description);
    write({
      line: input.line,
      domains: classification.domains.map((entry) => ({
        domain: entry.domain,
        label: labels.get(entry.domain) ?? entry.domain,
        confidence: entry.confidence,
        words: entry.words,
      })),
      probabilities: classification.probabilities,
      ...(Object.keys(input.rest).length > 0 ? { input: input.rest } : {}),
    });
  }
  return { lines: inputs.length };
}
