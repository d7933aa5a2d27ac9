import { describe, expect, it } from 'vitest';
import { shippedTaxonomy } from '../domains.ts';
import { DOMAIN_THRESHOLD, trainClassifier } from './classifier.ts';
import { createFeatureExtractor } from './features.ts';
import { defaultLabelledFile, readLabelledSet } from './labelled-set.ts';
import { shippedClassifier } from './shipped.ts';

const taxonomy = shippedTaxonomy();

describe('features', () => {
  const extractor = createFeatureExtractor(taxonomy);

  it('keeps stems, stem pairs and word-family prefixes of meaningful words, dropping function words', () => {
    const { values, words } = extractor.extract('Les Médiathèques', 'des livres numériques');
    expect([...values.keys()].filter((name) => !name.startsWith('lex:'))).toEqual([
      'w:mediathequ',
      'p:media',
      'w:livr',
      'p:livre',
      'w:numeriqu',
      'p:numer',
      'b:livr_numeriqu',
    ]);
    expect(words.get('w:mediathequ')).toEqual(['médiathèques']);
    expect(words.get('b:livr_numeriqu')).toEqual(['livres numériques']);
  });

  it('counts each domain’s distinct keywords, at most three, shown as the text wrote them', () => {
    const { values, words } = extractor.extract(
      'Vidéoprotection',
      'caméras, vidéosurveillance, police municipale et encore des caméras',
    );
    expect(values.get('lex:securite')).toBe(3);
    expect(words.get('lex:securite')).toEqual([
      'vidéoprotection',
      'caméras',
      'vidéosurveillance',
      'police municipale',
      'police',
    ]);
  });
});

describe('classifier', () => {
  const examples = [
    { title: 'Caméras', description: 'vidéoprotection du centre', domains: ['securite'] },
    { title: 'Police municipale', description: 'tablettes pour les agents', domains: ['securite'] },
    { title: 'Médiathèque', description: 'livres numériques', domains: ['culture_patrimoine'] },
    { title: 'Musée', description: 'visite virtuelle', domains: ['culture_patrimoine'] },
    {
      title: 'Festival',
      description: 'caméras pour filmer les concerts du musée',
      domains: ['culture_patrimoine', 'communication'],
    },
  ];
  const classifier = trainClassifier(taxonomy, examples);

  it('always keeps the most probable domain, with its probability and deciding words', () => {
    const result = classifier.classify('Nouvelles caméras', 'vidéoprotection');
    expect(result.domains[0]).toMatchObject({
      domain: 'securite',
      words: expect.arrayContaining(['caméras']),
    });
    expect(result.domains[0]?.confidence).toBe(result.probabilities.securite);
    expect(Object.keys(result.probabilities)).toHaveLength(10);
    // A text without a known word gets each domain's base rate: only the most frequent is kept.
    const unrelated = shippedClassifier().classify('Xyz', 'abc');
    expect(unrelated.domains).toHaveLength(1);
    expect(unrelated.domains[0]?.confidence).toBeLessThan(DOMAIN_THRESHOLD);
  });

  it('keeps every other domain whose probability reaches the threshold', () => {
    const result = classifier.classify('Médiathèque et vidéoprotection', 'caméras et livres');
    for (const entry of result.domains.slice(1))
      expect(entry.confidence).toBeGreaterThanOrEqual(DOMAIN_THRESHOLD);
    const kept = new Set(result.domains.map((entry) => entry.domain));
    for (const [domain, probability] of Object.entries(result.probabilities)) {
      if (probability >= DOMAIN_THRESHOLD) expect(kept.has(domain)).toBe(true);
    }
  });

  it('names its version after the taxonomy and a hash of what it learnt from', () => {
    expect(classifier.version).toMatch(/^logreg-2026\.1-[0-9a-f]{8}$/);
    expect(trainClassifier(taxonomy, examples.slice(1)).version).not.toBe(classifier.version);
    expect(trainClassifier(taxonomy, examples).version).toBe(classifier.version);
  });
});

describe('labelled set and shipped classifier', () => {
  const items = readLabelledSet(defaultLabelledFile(), taxonomy);

  it('holds several hundred initiatives, every 4th held out, every domain in both splits', () => {
    expect(items.length).toBeGreaterThanOrEqual(350);
    expect(items.filter((item) => item.heldOut)).toHaveLength(Math.floor(items.length / 4));
    expect(items.filter((item) => item.domains.length > 1).length).toBeGreaterThanOrEqual(50);
    for (const { key } of taxonomy.domains) {
      const labelled = items.filter((item) => item.domains.includes(key));
      expect(labelled.filter((item) => !item.heldOut).length, key).toBeGreaterThanOrEqual(20);
      expect(labelled.filter((item) => item.heldOut).length, key).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(items.map((item) => item.title.toLowerCase())).size).toBe(items.length);
  });

  it('classifies plain initiatives it was not trained on', () => {
    const classifier = shippedClassifier();
    const main = (title: string, description: string) =>
      classifier.classify(title, description).domains[0]?.domain;
    expect(main('Caméras au stade', 'Installation de vidéoprotection aux abords du stade')).toBe('securite');
    expect(main('Newsletter', 'Une lettre d’information mensuelle envoyée aux habitants abonnés')).toBe(
      'communication',
    );
    expect(main('Archives en ligne', 'Les registres anciens sont numérisés et consultables')).toBe(
      'culture_patrimoine',
    );
  });
});
