import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type InputProblem, UserError } from '../shared/errors.ts';
import { normalizeFrench } from '../shared/french-text.ts';

/**
 * The taxonomy of initiative domains (data/initiatives/domains.yaml): French labels,
 * descriptions and example sub-topics shown to contributors, and the keywords the classifier
 * uses as prior knowledge. Loaded and checked whole: every problem is located by line and field.
 */

const KEY = /^[a-z][a-z_]*$/;

const text = () => z.string({ error: 'texte attendu' });

const domainSchema = z.strictObject({
  key: text().regex(KEY, 'clé attendue en minuscules et tirets bas, par exemple « culture_patrimoine »'),
  label: text().trim().min(1, 'libellé vide'),
  description: text().trim().min(1, 'description vide'),
  subtopics: z
    .array(text().trim().min(1, 'sous-thème vide'), { error: 'liste attendue' })
    .min(1, 'au moins un sous-thème'),
  keywords: z
    .array(text().trim().min(1, 'mot-clé vide'), { error: 'liste attendue' })
    .min(1, 'au moins un mot-clé'),
});

const taxonomySchema = z.strictObject({
  version: z.union([z.string(), z.number()], { error: 'version attendue' }).transform(String),
  domains: z.array(z.unknown(), { error: 'liste de domaines attendue' }).min(2, 'au moins deux domaines'),
});

export type InitiativeDomain = z.infer<typeof domainSchema>;

export interface DomainTaxonomy {
  version: string;
  domains: readonly InitiativeDomain[];
}

export function defaultTaxonomyFile(): string {
  return fileURLToPath(new URL('../../data/initiatives/domains.yaml', import.meta.url));
}

let shipped: DomainTaxonomy | undefined;

/** The shipped taxonomy, loaded once per process. */
export function shippedTaxonomy(): DomainTaxonomy {
  shipped ??= loadTaxonomy(defaultTaxonomyFile());
  return shipped;
}

export function loadTaxonomy(file: string): DomainTaxonomy {
  return parseTaxonomy(readFileSync(file, 'utf8'), path.basename(file));
}

/** Parses and validates a taxonomy; throws UserError('referential_invalid') listing every problem. */
export function parseTaxonomy(text: string, label: string): DomainTaxonomy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: InputProblem[] = doc.errors.map((error) => ({
    file: label,
    line: error.linePos?.[0].line,
    message: `YAML invalide : ${error.message.split('\n')[0]}`,
  }));
  const lineOf = (fieldPath: readonly (string | number)[]): number | undefined => {
    for (let depth = fieldPath.length; depth >= 0; depth--) {
      const node = doc.getIn(fieldPath.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const report = (fieldPath: (string | number)[], message: string) =>
    problems.push({ file: label, line: lineOf(fieldPath), field: fieldPath.join('.'), message });

  const envelope = problems.length === 0 ? taxonomySchema.safeParse(doc.toJS()) : undefined;
  const domains: InitiativeDomain[] = [];
  if (envelope && !envelope.success) {
    for (const issue of envelope.error.issues) report(issue.path as (string | number)[], issue.message);
  } else if (envelope?.success) {
    envelope.data.domains.forEach((item, index) => {
      const parsed = domainSchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          report(['domains', index, ...(issue.path as (string | number)[])], issue.message);
        }
        return;
      }
      if (domains.some((domain) => domain.key === parsed.data.key)) {
        report(['domains', index, 'key'], `clé « ${parsed.data.key} » déjà utilisée par un autre domaine`);
      }
      domains.push(parsed.data);
    });
    reportSharedKeywords(domains, (domainIndex, message) =>
      report(['domains', domainIndex, 'keywords'], message),
    );
  }
  if (problems.length > 0 || !envelope?.success) {
    throw new UserError(
      'referential_invalid',
      `Taxonomie des domaines invalide : ${problems.length} problème(s)`,
      problems,
    );
  }
  return { version: envelope.data.version, domains };
}

/** A keyword claimed by two domains would be evidence for both: the taxonomy must choose. */
function reportSharedKeywords(
  domains: readonly InitiativeDomain[],
  report: (domainIndex: number, message: string) => void,
): void {
  const owner = new Map<string, string>();
  domains.forEach((domain, index) => {
    for (const keyword of domain.keywords) {
      const key = normalizeFrench(keyword);
      const first = owner.get(key);
      if (first !== undefined && first !== domain.key) {
        report(index, `mot-clé « ${keyword} » déjà attribué au domaine « ${first} »`);
      }
      owner.set(key, domain.key);
    }
  });
}

/** The domain of a key, or a French message listing the known keys. */
export function findDomain(taxonomy: DomainTaxonomy, key: string): InitiativeDomain | string {
  const domain = taxonomy.domains.find((candidate) => candidate.key === key.trim());
  return domain ?? `domaine « ${key} » inconnu (attendu : ${taxonomy.domains.map((d) => d.key).join(', ')})`;
}
