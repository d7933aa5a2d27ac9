/**
 * Evaluates detection on the labelled pages of eval/detection/pages.jsonl, next to a naive
 * baseline, on the dev split, the held-out split (every 5th page) and both.
 *
 *   npx tsx eval/detection/run.ts [--errors] [--explain LINE] [--strict]
 *
 * --errors prints the dev pages the detector gets wrong, --explain LINE the blocks, signals
 * and detections of one dev page (never held-out pages: they are not to be looked at while
 * tuning). --strict exits with 1 when the target is missed.
 * The last line sums up the held-out figures:
 *   eval:detection f1=… level_accuracy=… baseline_f1=… baseline_level_accuracy=… target=met|missed split=held-out
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector, type PageDetector } from '../../src/detection/detect.ts';
import { extractPage } from '../../src/detection/html-extract.ts';
import { CONFIDENCE_THRESHOLD } from '../../src/detection/level.rules.ts';
import type { PageContent } from '../../src/detection/page.ts';
import { pageFromText } from '../../src/detection/page-from-text.ts';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  loadReferential,
} from '../../src/referential/referential.loader.ts';
import {
  COMPETENCE_KINDS,
  type CompetenceKind,
  type Referential,
  type ReferentialService,
} from '../../src/referential/referential.schema.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGES_FILE = path.join(HERE, 'pages.jsonl');
const LEVELS = [1, 2, 3, 4] as const;
const TARGET = { f1: 0.9, levelAccuracy: 0.85, margin: 0.2 };

interface Label {
  service: string;
  level: number;
  third_party?: string;
}

interface EvalPage {
  line: number;
  url: string;
  kind: CompetenceKind;
  title: string;
  text: string;
  html?: string;
  labels: Label[];
  heldOut: boolean;
}

/** service → level (and third party for the model). */
type Prediction = Map<string, { level: number; thirdParty?: string; confidence?: number }>;

interface Scores {
  pages: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  levelCorrect: number;
  levelAccuracy: number;
  /** confusion[label - 1][predicted - 1] over correctly identified services. */
  confusion: number[][];
  thirdPartyLabelled: number;
  thirdPartyFound: number;
}

function readPages(): EvalPage[] {
  const lines = readFileSync(PAGES_FILE, 'utf8').split('\n');
  const pages: EvalPage[] = [];
  const problems: string[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      const record = JSON.parse(raw) as Omit<EvalPage, 'line' | 'heldOut'>;
      if (!COMPETENCE_KINDS.includes(record.kind)) throw new Error(`kind inconnu « ${record.kind} »`);
      if (!Array.isArray(record.labels)) throw new Error('labels manquant');
      pages.push({ ...record, line: index + 1, heldOut: pages.length % 5 === 4 });
    } catch (error) {
      problems.push(`${path.basename(PAGES_FILE)}, ligne ${index + 1} : ${(error as Error).message}`);
    }
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return pages;
}

function checkLabels(pages: EvalPage[], referential: Referential): void {
  const byKey = new Map(referential.services.map((service) => [service.key, service]));
  const problems: string[] = [];
  for (const page of pages) {
    for (const label of page.labels) {
      const service = byKey.get(label.service);
      if (service === undefined) problems.push(`ligne ${page.line} : service inconnu « ${label.service} »`);
      else if (!service.applies_to.includes(page.kind)) {
        problems.push(`ligne ${page.line} : « ${label.service} » ne s’applique pas à ${page.kind}`);
      }
      if (!LEVELS.includes(label.level as 1))
        problems.push(`ligne ${page.line} : niveau ${label.level} invalide`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

function pageContent(page: EvalPage): PageContent {
  return page.html ? extractPage(page.url, page.html) : pageFromText(page.url, page.title, page.text);
}

// ---------------------------------------------------------------------------------- baseline

/**
 * The naive baseline: a service is found when its name or one of its phrases occurs as is
 * (case-insensitive, on word boundaries) in the title or text; its level is 3 when the page
 * says "en ligne", 1 otherwise.
 */
function createBaseline(services: readonly ReferentialService[]) {
  const patterns = services.map((service) => ({
    key: service.key,
    regexes: [service.name.replace(/\s*\([^)]*\)/g, ''), ...service.phrases].map(
      (phrase) =>
        new RegExp(
          `(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
          'iu',
        ),
    ),
  }));
  return (content: PageContent): Prediction => {
    const text = `${content.title}\n${content.text}`;
    const level = /en ligne/i.test(text) ? 3 : 1;
    const predicted: Prediction = new Map();
    for (const { key, regexes } of patterns) {
      if (regexes.some((regex) => regex.test(text))) predicted.set(key, { level });
    }
    return predicted;
  };
}

// ---------------------------------------------------------------------------------- scoring

function emptyScores(): Scores {
  return {
    pages: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    levelCorrect: 0,
    levelAccuracy: 0,
    confusion: LEVELS.map(() => LEVELS.map(() => 0)),
    thirdPartyLabelled: 0,
    thirdPartyFound: 0,
  };
}

function addPage(scores: Scores, labels: Label[], predicted: Prediction): void {
  scores.pages++;
  const expected = new Map(labels.map((label) => [label.service, label]));
  for (const [service, prediction] of predicted) {
    const label = expected.get(service);
    if (label === undefined) {
      scores.fp++;
      continue;
    }
    scores.tp++;
    if (prediction.level === label.level) scores.levelCorrect++;
    const row = scores.confusion[label.level - 1];
    if (row !== undefined && prediction.level >= 1 && prediction.level <= 4) {
      row[prediction.level - 1] = (row[prediction.level - 1] ?? 0) + 1;
    }
    if (label.third_party !== undefined) {
      scores.thirdPartyLabelled++;
      if (prediction.thirdParty === label.third_party) scores.thirdPartyFound++;
    }
  }
  for (const service of expected.keys()) if (!predicted.has(service)) scores.fn++;
}

function finish(scores: Scores): Scores {
  const precision = scores.tp + scores.fp === 0 ? 1 : scores.tp / (scores.tp + scores.fp);
  const recall = scores.tp + scores.fn === 0 ? 1 : scores.tp / (scores.tp + scores.fn);
  return {
    ...scores,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    levelAccuracy: scores.tp === 0 ? 0 : scores.levelCorrect / scores.tp,
  };
}

// ---------------------------------------------------------------------------------- report

const pct = (value: number) => `${(value * 100).toFixed(1).padStart(5)} %`;
const fixed = (value: number) => value.toFixed(3);

function printComparison(title: string, model: Scores, baseline: Scores): void {
  console.log(`\n== ${title} (${model.pages} pages, ${model.tp + model.fn} labelled services)`);
  const rows: Array<[string, string, string]> = [
    ['precision', pct(model.precision), pct(baseline.precision)],
    ['recall', pct(model.recall), pct(baseline.recall)],
    ['F1', pct(model.f1), pct(baseline.f1)],
    ['level accuracy (found services)', pct(model.levelAccuracy), pct(baseline.levelAccuracy)],
    [
      'found / false / missed',
      `${model.tp} / ${model.fp} / ${model.fn}`,
      `${baseline.tp} / ${baseline.fp} / ${baseline.fn}`,
    ],
    ['third party named (labelled ones)', `${model.thirdPartyFound} / ${model.thirdPartyLabelled}`, '—'],
  ];
  console.log(`${''.padEnd(34)}${'detector'.padStart(16)}${'baseline'.padStart(16)}`);
  for (const [name, a, b] of rows) console.log(`${name.padEnd(34)}${a.padStart(16)}${b.padStart(16)}`);
  console.log('level confusion (rows: labelled level, columns: detected level)   detector | baseline');
  console.log(
    `       ${LEVELS.map((level) => `→${level}`.padStart(5)).join('')}   | ${LEVELS.map((level) => `→${level}`.padStart(5)).join('')}`,
  );
  LEVELS.forEach((level, index) => {
    const a = (model.confusion[index] ?? []).map((count) => String(count).padStart(5)).join('');
    const b = (baseline.confusion[index] ?? []).map((count) => String(count).padStart(5)).join('');
    console.log(`  ${String(level).padStart(3)}  ${a}   | ${b}`);
  });
}

function describeErrors(page: EvalPage, predicted: Prediction): string[] {
  const lines: string[] = [];
  const expected = new Map(page.labels.map((label) => [label.service, label]));
  for (const [service, prediction] of predicted) {
    const label = expected.get(service);
    if (label === undefined)
      lines.push(`  + ${service} (niveau ${prediction.level}, confiance ${prediction.confidence})`);
    else if (label.level !== prediction.level) {
      lines.push(`  ≠ ${service} : niveau ${prediction.level} au lieu de ${label.level}`);
    }
  }
  for (const label of page.labels)
    if (!predicted.has(label.service)) lines.push(`  - ${label.service} (niveau ${label.level})`);
  return lines;
}

/** Prints what the detector saw and decided on one dev page. */
function explain(page: EvalPage, detector: PageDetector): void {
  if (page.heldOut) {
    console.log(`ligne ${page.line} : page du jeu réservé (held-out), non affichée.`);
    return;
  }
  const content = pageContent(page);
  const { signals, context, failedDetectors } = detector.signalsOf(content);
  console.log(`== ligne ${page.line} ${page.url}`);
  for (const block of context.analysis.blocks) {
    const level = block.headingLevel === undefined ? '' : String(block.headingLevel);
    console.log(`  [${block.index}] ${block.field}${level} s${block.section}: ${block.text.slice(0, 100)}`);
  }
  for (const signal of signals) {
    const about = signal.serviceKey ?? signal.platform ?? signal.negative ?? '';
    console.log(
      `  ${signal.kind} ${about} ${signal.strength} ${JSON.stringify(signal.location)} « ${signal.phrase ?? ''} »`,
    );
  }
  for (const failure of failedDetectors) console.log(`  ! ${failure.detector}: ${failure.error}`);
  for (const found of detector.detectPage(content).detections) {
    console.log(`  => ${found.serviceKey} niveau ${found.level} confiance ${found.confidence}`);
  }
  console.log(`  labels ${JSON.stringify(page.labels)}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  const root = defaultReferentialRoot();
  const referential = await loadReferential(path.join(root, await latestReferentialVersion(root)));
  const pages = readPages();
  checkLabels(pages, referential);

  const detectors = new Map<CompetenceKind, PageDetector>();
  const baselines = new Map<CompetenceKind, (content: PageContent) => Prediction>();
  for (const kind of COMPETENCE_KINDS) {
    detectors.set(kind, createDetector(referential, { kinds: [kind] }));
    baselines.set(
      kind,
      createBaseline(referential.services.filter((service) => service.applies_to.includes(kind))),
    );
  }

  const explainAt = argv.indexOf('--explain');
  if (explainAt !== -1) {
    const line = Number(argv[explainAt + 1]);
    const page = pages.find((candidate) => candidate.line === line);
    if (page === undefined) throw new Error(`--explain : aucune page à la ligne ${argv[explainAt + 1]}`);
    explain(page, detectors.get(page.kind) as PageDetector);
    return;
  }

  const splits = {
    dev: { model: emptyScores(), baseline: emptyScores() },
    heldOut: { model: emptyScores(), baseline: emptyScores() },
    all: { model: emptyScores(), baseline: emptyScores() },
  };
  const errors: string[] = [];
  let failed = 0;
  /** Time spent in detectPage only (extraction and the baseline excluded). */
  let detecting = 0;
  for (const page of pages) {
    const content = pageContent(page);
    const detectStarted = performance.now();
    const detection = (detectors.get(page.kind) as PageDetector).detectPage(content);
    detecting += performance.now() - detectStarted;
    failed += detection.failedDetectors.length;
    const predicted: Prediction = new Map();
    for (const found of detection.detections) {
      if (found.confidence < CONFIDENCE_THRESHOLD) continue;
      predicted.set(found.serviceKey, {
        level: found.level,
        confidence: found.confidence,
        ...(found.evidence.thirdParty ? { thirdParty: found.evidence.thirdParty } : {}),
      });
    }
    const naive = (baselines.get(page.kind) as (content: PageContent) => Prediction)(content);
    const split = page.heldOut ? splits.heldOut : splits.dev;
    for (const target of [split, splits.all]) {
      addPage(target.model, page.labels, predicted);
      addPage(target.baseline, page.labels, naive);
    }
    if (args.has('--errors') && !page.heldOut) {
      const lines = describeErrors(page, predicted);
      if (lines.length > 0)
        errors.push(`ligne ${page.line} ${page.url}${page.html ? ' [html]' : ''}`, ...lines);
    }
  }

  const dev = { model: finish(splits.dev.model), baseline: finish(splits.dev.baseline) };
  const heldOut = { model: finish(splits.heldOut.model), baseline: finish(splits.heldOut.baseline) };
  const all = { model: finish(splits.all.model), baseline: finish(splits.all.baseline) };

  if (errors.length > 0) {
    console.log('== dev pages with errors (+ false detection, - missed service, ≠ wrong level)');
    for (const line of errors) console.log(line);
  }
  console.log(
    `Detection evaluation: ${pages.length} pages (${pages.filter((page) => page.html).length} with HTML), ` +
      `referential ${referential.version}, confidence threshold ${CONFIDENCE_THRESHOLD}, ` +
      `detectPage ${(detecting / pages.length).toFixed(2)} ms per page (first pages included), ${failed} failed detector run(s).`,
  );
  printComparison('dev split (tuned on)', dev.model, dev.baseline);
  printComparison('held-out split (every 5th page, never tuned on)', heldOut.model, heldOut.baseline);
  printComparison('all pages', all.model, all.baseline);

  const { model, baseline } = heldOut;
  const met =
    model.f1 >= TARGET.f1 &&
    model.levelAccuracy >= TARGET.levelAccuracy &&
    model.f1 - baseline.f1 >= TARGET.margin &&
    model.levelAccuracy - baseline.levelAccuracy >= TARGET.margin;
  console.log(
    `\neval:detection f1=${fixed(model.f1)} level_accuracy=${fixed(model.levelAccuracy)} ` +
      `baseline_f1=${fixed(baseline.f1)} baseline_level_accuracy=${fixed(baseline.levelAccuracy)} ` +
      `target=${met ? 'met' : 'missed'} split=held-out`,
  );
  if (args.has('--strict') && !met) process.exitCode = 1;
}

await main();
