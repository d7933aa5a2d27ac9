import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { InputProblem } from './errors.ts';

/**
 * YAML data files checked with zod, every problem located by file, line and field, so that
 * whoever edits the file fixes everything in one pass (referentials, indicator methods).
 */

export type PathSegment = string | number;

export interface Source {
  /** Path shown to the user, e.g. "2026.1/themes.yaml". */
  label: string;
  doc: Document;
  lineCounter: LineCounter;
}

/** Parses YAML text; syntax errors are added to `problems` (with their line) and give undefined. */
export function parseYamlSource(text: string, label: string, problems: InputProblem[]): Source | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file: label, line: error.linePos?.[0].line, message: yamlErrorMessage(error) });
    }
    return undefined;
  }
  return { label, doc, lineCounter };
}

export function reportIssues(
  source: Source,
  prefix: PathSegment[],
  issues: readonly z.core.$ZodIssue[],
  problems: InputProblem[],
): void {
  for (const issue of issues) {
    const issuePath = [
      ...prefix,
      ...issue.path.map((segment) => (typeof segment === 'symbol' ? '' : segment)),
    ];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push(at(source, [...issuePath, key], `champ inconnu « ${key} »`));
    } else {
      problems.push(at(source, issuePath, issue.message));
    }
  }
}

export function at(source: Source, fieldPath: PathSegment[], message: string): InputProblem {
  const field = formatField(fieldPath);
  return {
    file: source.label,
    line: lineOf(source, fieldPath),
    ...(field === '' ? {} : { field }),
    message,
  };
}

/** "services[12].theme" */
function formatField(fieldPath: PathSegment[]): string {
  return fieldPath
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

/**
 * Line of the deepest node that exists along `fieldPath`: the key of a field (its value may
 * be empty or spread over several lines), the item of a list, or the parent of a missing field.
 */
export function lineOf(source: Source, fieldPath: PathSegment[]): number {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === segment);
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return source.lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
    const [start] = node.range as number[];
    return start;
  }
  return undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'texte',
  array: 'liste',
  object: 'ensemble de champs « clé: valeur »',
  number: 'nombre',
  boolean: 'booléen',
};

function describeValue(value: unknown): string {
  if (value === null) return 'valeur vide';
  if (Array.isArray(value)) return 'liste';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

/** French messages for the issues that no schema check names itself. */
export const frenchErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'champ obligatoire manquant'
        : `${TYPE_NAMES[issue.expected] ?? issue.expected} attendu, ${describeValue(issue.input)} trouvé`;
    case 'too_small':
      return issue.origin === 'array'
        ? `au moins ${issue.minimum} élément(s) attendu(s)`
        : `au moins ${issue.minimum} caractère(s) attendu(s)`;
    case 'invalid_value':
      return `valeur attendue parmi : ${issue.values.map(String).join(', ')}`;
    default:
      return 'valeur invalide';
  }
};

const YAML_ERROR_MESSAGES: Record<string, string> = {
  BAD_INDENT: 'indentation incorrecte',
  TAB_AS_INDENT: 'tabulation utilisée pour indenter (des espaces sont attendus)',
  DUPLICATE_KEY: 'champ répété dans le même élément',
  MISSING_CHAR: 'caractère fermant manquant (guillemet, crochet ou accolade)',
  MULTILINE_IMPLICIT_KEY: 'clé répartie sur plusieurs lignes ou deux-points manquant',
  BLOCK_AS_IMPLICIT_KEY: 'structure imbriquée inattendue (deux-points en trop ou indentation incorrecte)',
  UNEXPECTED_TOKEN: 'caractère inattendu',
};

function yamlErrorMessage(error: { code: string; message: string }): string {
  const summary = YAML_ERROR_MESSAGES[error.code] ?? 'erreur de syntaxe';
  // The parser's own wording (in English) locates the fault precisely; keep its first line.
  const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
  return `syntaxe YAML invalide : ${summary}${detail ? ` (${detail})` : ''}`;
}
