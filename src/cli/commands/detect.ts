import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { createDetector } from '../../detection/detect.ts';
import type { ServiceDetection } from '../../detection/detection.types.ts';
import { extractPage } from '../../detection/html-extract.ts';
import { CONFIDENCE_THRESHOLD } from '../../detection/level.rules.ts';
import type { PageContent } from '../../detection/page.ts';
import { pageFromText } from '../../detection/page-from-text.ts';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  loadReferential,
} from '../../referential/referential.loader.ts';
import {
  COMPETENCE_KINDS,
  type CompetenceKind,
  type Referential,
} from '../../referential/referential.schema.ts';
import { type InputProblem, UserError } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';

/**
 * `barometre detect FILE.jsonl`: detection on pages given one JSON object per line
 * ({"url", "title", "text", "html"?}), one JSON line out per page. Every line is checked
 * before any is detected: a file with a bad line produces no output at all.
 */

const pageLineSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'champ « url » : adresse http(s) absolue attendue' }),
  title: z.string({ error: 'champ « title » : texte attendu' }).default(''),
  text: z.string({ error: 'champ « text » : texte attendu' }).default(''),
  html: z.string({ error: 'champ « html » : texte attendu' }).optional(),
});

type PageLine = z.infer<typeof pageLineSchema>;

export interface DetectFileOptions {
  /** Referential version, e.g. "2026.1"; the latest when absent. */
  referential?: string;
  /** Referential directory (data/referentials by default). */
  root?: string;
  kinds?: CompetenceKind[];
  /** Detections below this confidence are left out. */
  minConfidence?: number;
}

export interface DetectOutputLine {
  line: number;
  url: string;
  detections: Array<{
    service: string;
    service_name: string;
    theme: string;
    level: number;
    confidence: number;
    evidence: ServiceDetection['evidence'];
  }>;
  failed_detectors?: Array<{ detector: string; error: string }>;
}

export function parseKinds(value: string): CompetenceKind[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
  const unknown = kinds.filter((kind) => !(COMPETENCE_KINDS as readonly string[]).includes(kind));
  if (kinds.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `niveaux attendus parmi : ${COMPETENCE_KINDS.join(', ')} (séparés par des virgules).`,
    );
  }
  return [...new Set(kinds)] as CompetenceKind[];
}

function parseConfidence(value: string): number {
  const confidence = Number(value.replace(',', '.'));
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    throw new InvalidArgumentError('nombre attendu entre 0 et 1, par exemple 0.5.');
  }
  return confidence;
}

async function* readLines(file: string): AsyncGenerator<{ line: number; raw: string }> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim() !== '') yield { line, raw };
  }
}

function parseLine(raw: string): { page: PageLine } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { problem: `JSON invalide (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'un objet JSON est attendu sur chaque ligne' };
  }
  const parsed = pageLineSchema.safeParse(value);
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => issue.message).join(' ; ') };
  if (parsed.data.text.trim() === '' && parsed.data.html === undefined) {
    return { problem: 'champ « text » ou « html » attendu' };
  }
  return { page: parsed.data };
}

/** Checks every line; throws one UserError listing all bad lines. */
export async function validatePagesFile(file: string): Promise<number> {
  await access(file).catch(() => {
    throw new UserError('not_found', `Fichier introuvable : ${file}`);
  });
  const label = path.basename(file);
  const problems: InputProblem[] = [];
  let pages = 0;
  for await (const { line, raw } of readLines(file)) {
    const result = parseLine(raw);
    if ('problem' in result) problems.push({ file: label, line, message: result.problem });
    else pages++;
  }
  if (problems.length > 0) {
    throw new UserError(
      'input_invalid',
      `${label} : ${problems.length} ligne(s) invalide(s) sur ${pages + problems.length}`,
      problems,
    );
  }
  return pages;
}

function contentOf(page: PageLine): PageContent {
  if (page.html !== undefined) {
    const extracted = extractPage(page.url, page.html);
    return page.title.trim() !== '' && extracted.title === ''
      ? { ...extracted, title: page.title }
      : extracted;
  }
  return pageFromText(page.url, page.title, page.text);
}

async function loadVersion(version: string | undefined, root: string): Promise<Referential> {
  return loadReferential(path.join(root, version ?? (await latestReferentialVersion(root))));
}

/**
 * Validates the whole file, then detects each page and hands each output line to `write`.
 * `onValidated` runs between the two, once the input is known to be good.
 */
export async function detectPagesFile(
  file: string,
  options: DetectFileOptions,
  write: (line: DetectOutputLine) => void,
  onValidated?: () => void,
): Promise<{ pages: number }> {
  const pages = await validatePagesFile(file);
  onValidated?.();
  const referential = await loadVersion(options.referential, options.root ?? defaultReferentialRoot());
  const detector = createDetector(referential, options.kinds ? { kinds: options.kinds } : {});
  const services = new Map(referential.services.map((service) => [service.key, service]));
  const minConfidence = options.minConfidence ?? CONFIDENCE_THRESHOLD;
  for await (const { line, raw } of readLines(file)) {
    const result = parseLine(raw);
    if ('problem' in result) throw new Error(`ligne ${line} modifiée pendant la détection`);
    const detection = detector.detectPage(contentOf(result.page));
    const output: DetectOutputLine = {
      line,
      url: result.page.url,
      detections: detection.detections
        .filter((found) => found.confidence >= minConfidence)
        .map((found) => ({
          service: found.serviceKey,
          service_name: services.get(found.serviceKey)?.name ?? found.serviceKey,
          theme: services.get(found.serviceKey)?.theme ?? '',
          level: found.level,
          confidence: found.confidence,
          evidence: found.evidence,
        })),
      ...(detection.failedDetectors.length > 0 ? { failed_detectors: detection.failedDetectors } : {}),
    };
    write(output);
  }
  return { pages };
}

export function registerDetectCommand(program: Command, ctx: CliContext): void {
  program
    .command('detect')
    .description(
      'Détecte les services et leur niveau de numérisation dans des pages (JSONL : url, title, text, html) ; une ligne JSON par page en sortie',
    )
    .argument('<fichier>', 'fichier JSONL, un objet par ligne : {"url", "title", "text", "html"?}')
    .option('--referential <version>', 'version du référentiel (par défaut : la plus récente)')
    .option(
      '--kinds <niveaux>',
      `niveaux de compétence à chercher, séparés par des virgules (${COMPETENCE_KINDS.join(', ')})`,
      parseKinds,
    )
    .option(
      '--min-confidence <n>',
      `confiance minimale des détections écrites (0 à 1, par défaut ${CONFIDENCE_THRESHOLD})`,
      parseConfidence,
    )
    .option('--out <fichier>', 'écrit le résultat dans ce fichier au lieu de la sortie standard')
    .action(
      async (
        file: string,
        options: { referential?: string; kinds?: CompetenceKind[]; minConfidence?: number; out?: string },
      ) => {
        const detectOptions: DetectFileOptions = {
          ...(options.referential !== undefined ? { referential: options.referential } : {}),
          ...(options.kinds !== undefined ? { kinds: options.kinds } : {}),
          ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
        };
        if (options.out === undefined) {
          await detectPagesFile(file, detectOptions, (line) => ctx.out.line(JSON.stringify(line)));
          return;
        }
        // The output file is created once the input is valid: an invalid input leaves nothing behind.
        const target = options.out;
        let out: WriteStream | undefined;
        let closed: Promise<void> = Promise.resolve();
        const open = () => {
          out = createWriteStream(target, { encoding: 'utf8' });
          const stream = out;
          closed = new Promise<void>((resolve, reject) => {
            stream.on('finish', resolve);
            stream.on('error', reject);
          });
        };
        try {
          await detectPagesFile(file, detectOptions, (line) => out?.write(`${JSON.stringify(line)}\n`), open);
        } finally {
          out?.end();
        }
        await closed;
      },
    );
}
