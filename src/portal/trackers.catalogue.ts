import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type InputProblem, UserError } from '../shared/errors.ts';

/**
 * The list of third-party tracker hosts (data/trackers/trackers.yaml, sources in its README),
 * and the recognised third-party hosts that are deliberately not counted as trackers.
 */

export const TRACKER_CATEGORIES = [
  'analytics',
  'tag_manager',
  'advertising',
  'social',
  'video',
  'session_replay',
  'marketing',
] as const;
export type TrackerCategory = (typeof TRACKER_CATEGORIES)[number];

const HOST = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const hostSchema = z
  .string()
  .regex(HOST, 'nom d’hôte attendu en minuscules, sans schéma ni chemin (ex. hotjar.com)');

const trackerSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/, 'clé attendue en minuscules et tirets'),
  name: z.string().min(1),
  company: z.string().min(1),
  category: z.enum(TRACKER_CATEGORIES),
  hosts: z.array(hostSchema).min(1),
  note: z.string().optional(),
});

const notTrackerSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/, 'clé attendue en minuscules et tirets'),
  name: z.string().min(1),
  hosts: z.array(hostSchema).min(1),
  reason: z.string().min(1),
});

const catalogueFileSchema = z.strictObject({
  version: z.string().min(1),
  trackers: z.array(trackerSchema).min(1),
  notTrackers: z.array(notTrackerSchema).default([]),
});

export type Tracker = z.infer<typeof trackerSchema>;
export type NotTracker = z.infer<typeof notTrackerSchema>;
export type TrackerCatalogue = z.infer<typeof catalogueFileSchema>;

export type HostClassification =
  | { kind: 'tracker'; tracker: Tracker }
  | { kind: 'not_tracker'; entry: NotTracker }
  | { kind: 'unlisted' };

/** A listed host matches itself and its subdomains: "facebook.net" matches "connect.facebook.net". */
function matches(host: string, listed: readonly string[]): boolean {
  return listed.some((entry) => host === entry || host.endsWith(`.${entry}`));
}

/** The most specific listing wins: youtube-nocookie.com is not youtube.com. */
export function classifyHost(host: string, catalogue: TrackerCatalogue): HostClassification {
  const lower = host.toLowerCase();
  const entry = catalogue.notTrackers.find((candidate) => matches(lower, candidate.hosts));
  if (entry !== undefined) return { kind: 'not_tracker', entry };
  const tracker = catalogue.trackers.find((candidate) => matches(lower, candidate.hosts));
  return tracker === undefined ? { kind: 'unlisted' } : { kind: 'tracker', tracker };
}

/** Parses and checks a catalogue; every problem is reported with its line. */
export function parseTrackerCatalogue(yamlText: string, label = 'trackers.yaml'): TrackerCatalogue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  if (doc.errors.length > 0) {
    throw new UserError(
      'input_invalid',
      `Catalogue des traceurs illisible (${label})`,
      doc.errors.map((error) => ({
        file: label,
        line: error.linePos?.[0].line,
        message: error.message,
      })),
    );
  }
  const parsed = catalogueFileSchema.safeParse(doc.toJS());
  const problems: InputProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        file: label,
        line: lineOf(doc, lineCounter, issue.path),
        field: issue.path.join('.'),
        message: issue.message,
      });
    }
  } else {
    const seen = new Map<string, string>();
    for (const entry of [...parsed.data.trackers, ...parsed.data.notTrackers]) {
      for (const host of entry.hosts) {
        const previous = seen.get(host);
        if (previous !== undefined) {
          problems.push({
            file: label,
            field: entry.key,
            message: `hôte ${host} déjà listé par ${previous}`,
          });
        }
        seen.set(host, entry.key);
      }
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new UserError('input_invalid', `Catalogue des traceurs invalide (${label})`, problems);
  }
  return parsed.data;
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.get(segment, true);
    else if (isSeq(node) && typeof segment === 'number') node = node.get(segment, true);
    else break;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range === undefined ? undefined : lineCounter.linePos(range[0]).line;
}

export function defaultTrackerCataloguePath(): string {
  return fileURLToPath(new URL('../../data/trackers/trackers.yaml', import.meta.url));
}

/** Reads a catalogue file synchronously: done once per process, before any site is checked. */
export function loadTrackerCatalogue(file: string = defaultTrackerCataloguePath()): TrackerCatalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(
      'not_found',
      `Catalogue des traceurs introuvable : ${file} (${(error as Error).message})`,
    );
  }
  return parseTrackerCatalogue(text, file);
}

let shipped: TrackerCatalogue | undefined;

/** The catalogue shipped in data/trackers/, read on first use and then kept. */
export function shippedTrackerCatalogue(): TrackerCatalogue {
  shipped ??= loadTrackerCatalogue();
  return shipped;
}
