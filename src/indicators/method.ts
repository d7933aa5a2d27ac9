import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compareReferentialVersions } from '../referential/referential.loader.ts';
import { type InputProblem, UserError } from '../shared/errors.ts';
import { at, frenchErrorMap, parseYamlSource, reportIssues } from '../shared/yaml-source.ts';

/**
 * The indicator method: index weights, portal points and distribution thresholds, written in
 * data (data/indicators/<version>.yaml) and documented in docs/methodology.md. Checked whole,
 * every problem located by line and field; nothing is computed with an invalid method.
 */

const VERSION_PATTERN = /^\d{4}\.\d+$/;

const share = z.number().min(0).max(1);
const threshold = z.array(z.number().int().min(0)).max(5);

const methodSchema = z
  .object({
    version: z.string().regex(VERSION_PATTERN, 'version attendue de la forme « 2026.1 »'),
    index: z
      .object({
        weights: z
          .object({
            end_to_end: z.number().min(0),
            digitalised: z.number().min(0),
            themes_covered: z.number().min(0),
            portal_quality: z.number().min(0),
          })
          .strict(),
        decimals: z.number().int().min(0).max(3),
      })
      .strict(),
    portal: z.object({ points: z.object({ pass: share, warn: share, fail: share }).strict() }).strict(),
    distribution: z
      .object({
        bin_width: z.number().int().min(1),
        more_than: threshold,
        fewer_than: threshold,
      })
      .strict(),
  })
  .strict();

export type IndicatorMethod = z.infer<typeof methodSchema>;
export type IndexComponent = keyof IndicatorMethod['index']['weights'];
export const INDEX_COMPONENTS: readonly IndexComponent[] = [
  'end_to_end',
  'digitalised',
  'themes_covered',
  'portal_quality',
];

/** Weights are points out of 100, so that the documentation reads « 40 % de l'indice ». */
const WEIGHT_TOTAL = 100;

/** Parses and checks a method file's text; `label` names the file in messages. */
export function parseIndicatorMethod(text: string, label: string): IndicatorMethod {
  const problems: InputProblem[] = [];
  const source = parseYamlSource(text, label, problems);
  let method: IndicatorMethod | undefined;
  if (source !== undefined) {
    const parsed = methodSchema.safeParse(source.doc.toJS(), { error: frenchErrorMap });
    if (!parsed.success) reportIssues(source, [], parsed.error.issues, problems);
    else {
      const { weights } = parsed.data.index;
      method = parsed.data;
      const total = INDEX_COMPONENTS.reduce((sum, key) => sum + weights[key], 0);
      if (Math.abs(total - WEIGHT_TOTAL) > 1e-9) {
        problems.push(
          at(
            source,
            ['index', 'weights'],
            `les poids totalisent ${total} : ils doivent totaliser ${WEIGHT_TOTAL}`,
          ),
        );
      }
      const expected = path.basename(label, '.yaml');
      if (VERSION_PATTERN.test(expected) && expected !== method.version) {
        problems.push(
          at(
            source,
            ['version'],
            `version « ${method.version} » différente du nom du fichier (« ${expected} »)`,
          ),
        );
      }
    }
  }
  if (problems.length > 0 || method === undefined) {
    throw new UserError(
      'input_invalid',
      `Méthode des indicateurs ${label} invalide : ${problems.length} problème(s)`,
      problems,
    );
  }
  return method;
}

/** `<package root>/data/indicators`. */
export function defaultMethodRoot(): string {
  return fileURLToPath(new URL('../../data/indicators', import.meta.url));
}

/** Loads a method version, or the latest one shipped when none is named. */
export async function loadIndicatorMethod(
  version?: string,
  root = defaultMethodRoot(),
): Promise<IndicatorMethod> {
  const versions = (await readdir(root))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .filter((name) => VERSION_PATTERN.test(name))
    .sort(compareReferentialVersions);
  const chosen = version ?? versions.at(-1);
  if (chosen === undefined || !versions.includes(chosen)) {
    throw new UserError(
      'not_found',
      `Méthode des indicateurs ${chosen ?? ''} introuvable dans ${root} (disponibles : ${versions.join(', ') || 'aucune'}).`,
    );
  }
  const file = path.join(root, `${chosen}.yaml`);
  return parseIndicatorMethod(await readFile(file, 'utf8'), `indicators/${chosen}.yaml`);
}
