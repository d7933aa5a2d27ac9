/**
 * Evaluates the domain classifier on the labelled initiatives, next to a naive keyword
 * baseline. The classifier is trained on the training split and measured on the held-out
 * split (every 4th initiative), which is never used to tune it.
 *
 *   npx tsx eval/initiatives/run.ts [--tune] [--errors] [--strict]
 *
 * --tune prints the 5-fold cross-validated macro-F1 of each threshold on the training split
 * (how DOMAIN_THRESHOLD was chosen); --errors prints the training-split initiatives that a
 * cross-validated classifier gets wrong (never held-out ones); --strict exits with 1 when the
 * target is missed. The last line sums up the held-out figures:
 *   eval:initiatives macro_f1=… baseline_macro_f1=… target=met|missed split=held-out
 */
import { DOMAIN_THRESHOLD, trainClassifier } from '../../src/initiatives/classification/classifier.ts';
import {
  defaultLabelledFile,
  type LabelledInitiative,
  readLabelledSet,
} from '../../src/initiatives/classification/labelled-set.ts';
import { shippedTaxonomy } from '../../src/initiatives/domains.ts';
import { keywordBaseline } from './baseline.ts';
import { type Scores, scoreMultiLabel } from './metrics.ts';

const TARGET_MACRO_F1 = 0.85;
const FOLDS = 5;
const BOOTSTRAP_SAMPLES = 1000;

const args = new Set(process.argv.slice(2));
const taxonomy = shippedTaxonomy();
const keys = taxonomy.domains.map((domain) => domain.key);
const items = readLabelledSet(defaultLabelledFile(), taxonomy);
const training = items.filter((item) => !item.heldOut);
const heldOut = items.filter((item) => item.heldOut);

const percent = (value: number) => `${(value * 100).toFixed(1).padStart(5)} %`;

function mostFrequent(set: readonly LabelledInitiative[]): string {
  const counts = new Map<string, number>();
  for (const item of set)
    for (const domain of item.domains) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? keys[0] ?? '';
}

function crossValidated(threshold: number) {
  const pairs: { item: LabelledInitiative; labels: string[]; predicted: string[] }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const classifier = trainClassifier(
      taxonomy,
      training.filter((_, index) => index % FOLDS !== fold),
      { threshold },
    );
    training.forEach((item, index) => {
      if (index % FOLDS !== fold) return;
      const predicted = classifier.classify(item.title, item.description).domains.map((d) => d.domain);
      pairs.push({ item, labels: item.domains, predicted });
    });
  }
  return pairs;
}

function printScores(title: string, model: Scores, baseline: Scores): void {
  console.log(`\n${title}`);
  console.log(
    `${'domaine'.padEnd(26)} ${'n'.padStart(3)}   précision   rappel      F1   │ référence : P       R      F1`,
  );
  model.perDomain.forEach((d, index) => {
    const b = baseline.perDomain[index] as Scores['perDomain'][number];
    console.log(
      `${d.domain.padEnd(26)} ${String(d.support).padStart(3)}  ${percent(d.precision)} ${percent(d.recall)} ${percent(d.f1)} │ ${percent(b.precision)} ${percent(b.recall)} ${percent(b.f1)}`,
    );
  });
  console.log(
    `${'macro-F1'.padEnd(30)} ${' '.repeat(16)} ${percent(model.macroF1)} │ ${' '.repeat(16)}${percent(baseline.macroF1)}`,
  );
  console.log(
    `${'micro-F1'.padEnd(30)} ${' '.repeat(16)} ${percent(model.microF1)} │ ${' '.repeat(16)}${percent(baseline.microF1)}`,
  );
  console.log(
    `${'domaines exacts'.padEnd(30)} ${' '.repeat(16)} ${percent(model.exactMatch)} │ ${' '.repeat(16)}${percent(baseline.exactMatch)}`,
  );
}

if (args.has('--tune')) {
  console.log(
    `Validation croisée (${FOLDS} plis) sur la partie d'entraînement (${training.length} initiatives) :`,
  );
  for (const threshold of [0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    const scores = scoreMultiLabel(keys, crossValidated(threshold));
    console.log(
      `  seuil ${threshold.toFixed(2)} : macro-F1 ${percent(scores.macroF1)}, micro-F1 ${percent(scores.microF1)}`,
    );
  }
}

if (args.has('--errors')) {
  for (const { item, labels, predicted } of crossValidated(DOMAIN_THRESHOLD)) {
    if (labels.length === predicted.length && labels.every((label) => predicted.includes(label))) continue;
    console.log(
      `ligne ${item.line} « ${item.title} » : attendu ${labels.join(', ')} ; prédit ${predicted.join(', ')}`,
    );
  }
}

const started = performance.now();
const classifier = trainClassifier(taxonomy, training);
const trainingMs = performance.now() - started;
const baseline = keywordBaseline(taxonomy, mostFrequent(training));
const evaluate = (set: readonly LabelledInitiative[]) => ({
  model: scoreMultiLabel(
    keys,
    set.map((item) => ({
      labels: item.domains,
      predicted: classifier.classify(item.title, item.description).domains.map((d) => d.domain),
    })),
  ),
  baseline: scoreMultiLabel(
    keys,
    set.map((item) => ({ labels: item.domains, predicted: baseline(item.title, item.description) })),
  ),
});

/**
 * Percentile bootstrap of the held-out macro-F1: the held-out initiatives are drawn again with
 * replacement, predictions kept. A seeded generator makes the interval reproducible.
 */
function bootstrapMacroF1(set: readonly LabelledInitiative[]) {
  const predictions = set.map((item) => ({
    labels: item.domains,
    model: classifier.classify(item.title, item.description).domains.map((d) => d.domain),
    baseline: baseline(item.title, item.description),
  }));
  let seed = 20_261_121;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const model: number[] = [];
  const reference: number[] = [];
  for (let sample = 0; sample < BOOTSTRAP_SAMPLES; sample++) {
    const drawn = predictions.map(
      () => predictions[Math.floor(random() * predictions.length)] as (typeof predictions)[number],
    );
    model.push(
      scoreMultiLabel(
        keys,
        drawn.map((p) => ({ labels: p.labels, predicted: p.model })),
      ).macroF1,
    );
    reference.push(
      scoreMultiLabel(
        keys,
        drawn.map((p) => ({ labels: p.labels, predicted: p.baseline })),
      ).macroF1,
    );
  }
  const bounds = (values: number[]): [number, number] => {
    const sorted = [...values].sort((a, b) => a - b);
    return [
      sorted[Math.floor(0.025 * sorted.length)] as number,
      sorted[Math.ceil(0.975 * sorted.length) - 1] as number,
    ];
  };
  return { model: bounds(model), baseline: bounds(reference) };
}

console.log(
  `Initiatives annotées : ${items.length} (entraînement ${training.length}, test réservé ${heldOut.length}) ; ` +
    `${items.filter((item) => item.domains.length > 1).length} à plusieurs domaines, ` +
    `${items.filter((item) => item.note !== undefined).length} pièges annotés.`,
);
console.log(
  `Classifieur ${classifier.version}, seuil ${DOMAIN_THRESHOLD}, entraîné en ${Math.round(trainingMs)} ms.`,
);
const cv = scoreMultiLabel(keys, crossValidated(DOMAIN_THRESHOLD));
console.log(`Validation croisée ${FOLDS} plis sur l'entraînement : macro-F1 ${percent(cv.macroF1)}.`);
const held = evaluate(heldOut);
const interval = bootstrapMacroF1(heldOut);
printScores(
  `Test réservé (${heldOut.length} initiatives jamais vues à l'entraînement) — classifieur │ référence naïve par mots-clés`,
  held.model,
  held.baseline,
);

console.log(
  `\nIntervalle de confiance à 95 % du macro-F1 (bootstrap, ${BOOTSTRAP_SAMPLES} tirages des ${heldOut.length} initiatives réservées) : ` +
    `classifieur [${percent(interval.model[0])} ; ${percent(interval.model[1])}], référence [${percent(interval.baseline[0])} ; ${percent(interval.baseline[1])}].`,
);

const met = held.model.macroF1 >= TARGET_MACRO_F1;
console.log(
  `\neval:initiatives macro_f1=${held.model.macroF1.toFixed(3)} baseline_macro_f1=${held.baseline.macroF1.toFixed(3)} ` +
    `micro_f1=${held.model.microF1.toFixed(3)} target=${met ? 'met' : 'missed'} split=held-out`,
);
if (args.has('--strict') && !met) process.exitCode = 1;
