import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type InputProblem, UserError } from '../shared/errors.ts';
import { normalizeFrench } from '../shared/french-text.ts';
import {
  at,
  frenchErrorMap,
  lineOf,
  type PathSegment,
  parseYamlSource,
  reportIssues,
  type Source,
} from '../shared/yaml-source.ts';
import {
  REFERENTIAL_VERSION_PATTERN,
  type Referential,
  type ReferentialService,
  referentialServiceSchema,
  servicesFileSchema,
  type Theme,
  themeSchema,
  themesFileSchema,
} from './referential.schema.ts';

/**
 * Loads one version of the referential (data/referentials/<version>/) and checks it whole:
 * every problem is reported with its file, line and field, so that whoever edits the YAML
 * fixes everything in one pass.
 */

const THEMES_FILE = 'themes.yaml';

/** An item of a file that passed its schema, with where it was found. */
interface Located<T> {
  value: T;
  source: Source;
  index: number;
}

/** `<package root>/data/referentials`, wherever the package is installed. */
export function defaultReferentialRoot(): string {
  return fileURLToPath(new URL('../../data/referentials', import.meta.url));
}

/** "2026.1" < "2026.2" < "2026.10" < "2027.1". */
export function compareReferentialVersions(a: string, b: string): number {
  const [yearA = 0, revisionA = 0] = a.split('.').map(Number);
  const [yearB = 0, revisionB = 0] = b.split('.').map(Number);
  return yearA - yearB || revisionA - revisionB;
}

/** Versions shipped under `rootDir` (directories named like "2026.1"), oldest first. */
export async function listReferentialVersions(rootDir: string): Promise<string[]> {
  const entries = await readdir(rootDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissingFile(error)) {
      throw new UserError('not_found', `Répertoire des référentiels introuvable : ${rootDir}`);
    }
    throw error;
  });
  return entries
    .filter((entry) => entry.isDirectory() && REFERENTIAL_VERSION_PATTERN.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareReferentialVersions);
}

export async function latestReferentialVersion(rootDir: string): Promise<string> {
  const versions = await listReferentialVersions(rootDir);
  const latest = versions.at(-1);
  if (latest === undefined) {
    throw new UserError('not_found', `Aucune version du référentiel dans ${rootDir}`);
  }
  return latest;
}

export async function loadReferential(dir: string): Promise<Referential> {
  const version = path.basename(path.resolve(dir));
  const fileNames = await readdir(dir).catch((error: unknown) => {
    if (isMissingFile(error)) {
      throw new UserError('not_found', `Référentiel introuvable : ${dir}`);
    }
    throw error;
  });
  const problems: InputProblem[] = [];

  if (!REFERENTIAL_VERSION_PATTERN.test(version)) {
    problems.push({
      file: version,
      message: 'le répertoire doit être nommé d’après la version du référentiel, par exemple « 2026.1 »',
    });
  }

  const serviceFiles = fileNames.filter((name) => name.endsWith('.yaml') && name !== THEMES_FILE).sort();
  const { themes, declaredThemeKeys } = fileNames.includes(THEMES_FILE)
    ? await readThemes(dir, version, problems)
    : { themes: [], declaredThemeKeys: undefined };
  if (!fileNames.includes(THEMES_FILE)) {
    problems.push({ file: version, message: `fichier ${THEMES_FILE} manquant` });
  }
  if (serviceFiles.length === 0) {
    problems.push({ file: version, message: 'aucun fichier de services (*.yaml autre que themes.yaml)' });
  }

  const services: Located<ReferentialService>[] = [];
  for (const fileName of serviceFiles) {
    const source = await readSource(dir, version, fileName, problems);
    if (source === undefined) continue;
    const items = checkFile(source, servicesFileSchema, 'services', version, problems);
    services.push(...checkItems(source, 'services', items, referentialServiceSchema, problems));
  }

  reportDuplicateKeys(themes, 'themes', 'thématique', problems);
  reportDuplicateKeys(services, 'services', 'service', problems);
  const themesByKey = new Map<string, Theme>();
  for (const { value } of themes) {
    // With duplicated keys the first theme counts: the duplicate is reported, not its consequences.
    if (!themesByKey.has(value.key)) themesByKey.set(value.key, value);
  }
  for (const service of services) {
    checkService(service, themesByKey, declaredThemeKeys, problems);
  }

  if (problems.length > 0) {
    throw new UserError(
      'referential_invalid',
      `Référentiel ${version} invalide : ${problems.length} problème(s)`,
      problems,
    );
  }
  return {
    version,
    themes: themes.map((theme) => theme.value),
    services: services.map((service) => service.value),
  };
}

/**
 * Valid themes, and the keys of every theme item, even invalid ones, so that a service whose
 * theme is broken is not also reported as having an unknown theme. No keys when the file is
 * unreadable: then no theme can be said unknown.
 */
async function readThemes(
  dir: string,
  version: string,
  problems: InputProblem[],
): Promise<{ themes: Located<Theme>[]; declaredThemeKeys: Set<string> | undefined }> {
  const source = await readSource(dir, version, THEMES_FILE, problems);
  if (source === undefined) return { themes: [], declaredThemeKeys: undefined };
  const items = checkFile(source, themesFileSchema, 'themes', version, problems);
  const declaredThemeKeys = new Set<string>();
  for (const item of items) {
    const key = (item as { key?: unknown } | null)?.key;
    if (typeof key === 'string') declaredThemeKeys.add(key);
  }
  return { themes: checkItems(source, 'themes', items, themeSchema, problems), declaredThemeKeys };
}

async function readSource(
  dir: string,
  version: string,
  fileName: string,
  problems: InputProblem[],
): Promise<Source | undefined> {
  const text = await readFile(path.join(dir, fileName), 'utf8');
  return parseYamlSource(text, `${version}/${fileName}`, problems);
}

/** Checks the envelope of a file ({ version, <list> }) and returns its raw items. */
function checkFile(
  source: Source,
  schema: typeof themesFileSchema | typeof servicesFileSchema,
  listKey: 'themes' | 'services',
  version: string,
  problems: InputProblem[],
): unknown[] {
  const data: unknown = source.doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      file: source.label,
      line: 1,
      message: `le fichier doit contenir les champs « version » et « ${listKey} »`,
    });
    return [];
  }
  const parsed = schema.safeParse(data, { error: frenchErrorMap });
  if (!parsed.success) {
    reportIssues(source, [], parsed.error.issues, problems);
  }
  const fileVersion = (data as { version?: unknown }).version;
  if (typeof fileVersion === 'string' && fileVersion !== version) {
    problems.push(
      at(
        source,
        ['version'],
        `version « ${fileVersion} » différente de celle du répertoire (« ${version} ») : tous les fichiers d’une version portent la même`,
      ),
    );
  }
  const items = (data as Record<string, unknown>)[listKey];
  return Array.isArray(items) ? items : [];
}

/** Validates items one by one, so that one bad item neither hides nor invalidates the others. */
function checkItems<T>(
  source: Source,
  listKey: string,
  items: unknown[],
  schema: z.ZodType<T>,
  problems: InputProblem[],
): Located<T>[] {
  const valid: Located<T>[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item, { error: frenchErrorMap });
    if (parsed.success) {
      valid.push({ value: parsed.data, source, index });
    } else {
      reportIssues(source, [listKey, index], parsed.error.issues, problems);
    }
  });
  return valid;
}

function reportDuplicateKeys(
  items: Located<{ key: string }>[],
  listKey: string,
  noun: string,
  problems: InputProblem[],
): void {
  const byKey = new Map<string, Located<{ key: string }>[]>();
  for (const item of items) {
    byKey.set(item.value.key, [...(byKey.get(item.value.key) ?? []), item]);
  }
  for (const [key, occurrences] of byKey) {
    if (occurrences.length < 2) continue;
    const places = occurrences.map((item) => ({
      item,
      where: `${item.source.label}, ligne ${lineOf(item.source, [listKey, item.index, 'key'])}`,
    }));
    for (const { item, where } of places) {
      const others = places.filter((place) => place.where !== where).map((place) => place.where);
      problems.push(
        at(
          item.source,
          [listKey, item.index, 'key'],
          `clé de ${noun} « ${key} » en double (aussi : ${others.join(' ; ')})`,
        ),
      );
    }
  }
}

function checkService(
  service: Located<ReferentialService>,
  themesByKey: ReadonlyMap<string, Theme>,
  declaredThemeKeys: ReadonlySet<string> | undefined,
  problems: InputProblem[],
): void {
  const { value, source, index } = service;
  const itemPath = ['services', index];
  const theme = themesByKey.get(value.theme);
  if (theme === undefined) {
    // An invalid theme is already reported in themes.yaml; an unreadable themes.yaml too.
    if (declaredThemeKeys !== undefined && !declaredThemeKeys.has(value.theme)) {
      problems.push(
        at(
          source,
          [...itemPath, 'theme'],
          `thématique « ${value.theme} » inconnue (absente de ${THEMES_FILE})`,
        ),
      );
    }
  } else {
    value.applies_to.forEach((kind, kindIndex) => {
      if (!theme.applies_to.includes(kind)) {
        problems.push(
          at(
            source,
            [...itemPath, 'applies_to', kindIndex],
            `niveau « ${kind} » non couvert par la thématique « ${theme.key} » (${theme.applies_to.join(', ')})`,
          ),
        );
      }
    });
  }
  // Phrases are matched as the detector reads them (case, accents, apostrophes, spacing), so duplicates are too.
  reportRepeats(source, [...itemPath, 'phrases'], value.phrases, normalizeFrench, 'expression', problems);
  reportRepeats(
    source,
    [...itemPath, 'url_hints'],
    value.url_hints,
    (hint) => hint,
    'fragment d’URL',
    problems,
  );
}

/** Reports every entry of a list that repeats an earlier one once normalised. */
function reportRepeats(
  source: Source,
  listPath: PathSegment[],
  entries: string[],
  normalise: (entry: string) => string,
  noun: string,
  problems: InputProblem[],
): void {
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const normalised = normalise(entry);
    const first = firstIndex.get(normalised);
    if (first === undefined) {
      firstIndex.set(normalised, index);
    } else {
      problems.push(
        at(
          source,
          [...listPath, index],
          `${noun} « ${entry} » en double (même que l’élément n° ${first + 1})`,
        ),
      );
    }
  });
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
