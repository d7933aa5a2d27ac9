import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type InputProblem, UserError } from '../../shared/errors.ts';
import type { DomainTaxonomy } from '../domains.ts';

/**
 * The labelled initiatives written for Baromètre (data/initiatives/labelled-initiatives.jsonl).
 * Split by position: every 4th initiative (index 3, 7, 11… from 0) is held out. The shipped
 * classifier is trained on the training split only, so that the held-out figures of
 * `npm run eval:initiatives` measure it on initiatives it has never seen.
 */

export interface LabelledInitiative {
  /** 1-based line in the file. */
  line: number;
  title: string;
  description: string;
  domains: string[];
  note?: string;
  heldOut: boolean;
}

const HELD_OUT_EVERY = 4;

const lineSchema = z.strictObject({
  title: z.string({ error: 'champ « title » : texte attendu' }).trim().min(1, 'champ « title » vide'),
  description: z.string({ error: 'champ « description » : texte attendu' }),
  domains: z.array(z.string(), { error: 'champ « domains » : liste de domaines attendue' }),
  note: z.string().optional(),
});

export function defaultLabelledFile(): string {
  return fileURLToPath(new URL('../../../data/initiatives/labelled-initiatives.jsonl', import.meta.url));
}

export function readLabelledSet(file: string, taxonomy: DomainTaxonomy): LabelledInitiative[] {
  const label = path.basename(file);
  const keys = new Set(taxonomy.domains.map((domain) => domain.key));
  const problems: InputProblem[] = [];
  const items: LabelledInitiative[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      const line = index + 1;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push({ file: label, line, message: 'JSON invalide' });
        return;
      }
      const parsed = lineSchema.safeParse(value);
      if (!parsed.success) {
        problems.push({ file: label, line, message: parsed.error.issues.map((i) => i.message).join(' ; ') });
        return;
      }
      const unknown = parsed.data.domains.filter((domain) => !keys.has(domain));
      if (unknown.length > 0 || parsed.data.domains.length === 0) {
        problems.push({
          file: label,
          line,
          field: 'domains',
          message:
            unknown.length > 0 ? `domaine(s) inconnu(s) : ${unknown.join(', ')}` : 'au moins un domaine',
        });
        return;
      }
      items.push({ line, ...parsed.data, heldOut: items.length % HELD_OUT_EVERY === HELD_OUT_EVERY - 1 });
    });
  if (problems.length > 0) {
    throw new UserError('input_invalid', `${label} : ${problems.length} ligne(s) invalide(s)`, problems);
  }
  return items;
}
