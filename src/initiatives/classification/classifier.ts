import { createHash } from 'node:crypto';
import type { DomainTaxonomy } from '../domains.ts';
import { createFeatureExtractor } from './features.ts';
import {
  type BinaryModel,
  DEFAULT_TRAINING,
  positiveContributions,
  score,
  sigmoid,
  type TrainingOptions,
  trainOneVsRest,
} from './logistic.ts';

/**
 * Classifies an initiative into the taxonomy's domains from its title and description.
 * Method (docs/initiatives.md): one logistic regression per domain over French stems, stem
 * pairs and taxonomy keyword counts. A domain is kept when its probability reaches the
 * threshold; the most probable domain is always kept, since every initiative serves at least
 * one. Each kept domain comes with its probability (the confidence) and the words that
 * weighed most for it.
 */

export interface DomainDecision {
  domain: string;
  /** Probability of the domain given the text, 0 to 1. */
  confidence: number;
  /** Words of the text that weighed most for this domain, strongest first. */
  words: string[];
}

export interface Classification {
  /** Kept domains, most probable first. */
  domains: DomainDecision[];
  /** Every domain's probability, for the analyst who overrides. */
  probabilities: Record<string, number>;
}

export interface TrainingExample {
  title: string;
  description: string;
  domains: readonly string[];
}

export interface DomainClassifier {
  /** "logreg-<taxonomy version>-<hash of the training set>": stored with each classification. */
  version: string;
  classify(title: string, description: string): Classification;
}

export interface ClassifierOptions {
  threshold?: number;
  training?: TrainingOptions;
}

/** Probability from which a domain other than the most probable one is kept (chosen on the training split). */
export const DOMAIN_THRESHOLD = 0.2;
const MAX_WORDS = 5;

export function trainClassifier(
  taxonomy: DomainTaxonomy,
  examples: readonly TrainingExample[],
  options: ClassifierOptions = {},
): DomainClassifier {
  const extractor = createFeatureExtractor(taxonomy);
  const keys = taxonomy.domains.map((domain) => domain.key);
  const models = trainOneVsRest(
    examples.map((example) => ({
      values: extractor.extract(example.title, example.description).values,
      labels: new Set(example.domains),
    })),
    keys,
    options.training ?? DEFAULT_TRAINING,
  );
  const threshold = options.threshold ?? DOMAIN_THRESHOLD;
  const digest = createHash('sha256')
    .update(JSON.stringify({ taxonomy, examples, threshold, training: options.training ?? DEFAULT_TRAINING }))
    .digest('hex')
    .slice(0, 8);
  return {
    version: `logreg-${taxonomy.version}-${digest}`,
    classify(title, description) {
      const features = extractor.extract(title, description);
      const scored = keys.map((domain) => {
        const model = models.get(domain) as BinaryModel;
        return { domain, model, probability: sigmoid(score(model, features.values)) };
      });
      scored.sort((a, b) => b.probability - a.probability || a.domain.localeCompare(b.domain));
      const kept = scored.filter((entry, index) => index === 0 || entry.probability >= threshold);
      return {
        domains: kept.map(({ domain, model, probability }) => ({
          domain,
          confidence: round(probability),
          words: decidingWords(positiveContributions(model, features.values), features.words),
        })),
        probabilities: Object.fromEntries(scored.map((entry) => [entry.domain, round(entry.probability)])),
      };
    },
  };
}

/** The strongest features as the text's words, without repeating a word a stronger pair already shows. */
function decidingWords(
  contributions: readonly { feature: string }[],
  words: ReadonlyMap<string, readonly string[]>,
): string[] {
  const shown: string[] = [];
  for (const { feature } of contributions) {
    for (const text of words.get(feature) ?? []) {
      if (shown.some((word) => word.includes(text))) continue;
      shown.push(text);
      if (shown.length === MAX_WORDS) return shown;
    }
  }
  return shown;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
