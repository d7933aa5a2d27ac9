import { shippedTaxonomy } from '../domains.ts';
import { type DomainClassifier, trainClassifier } from './classifier.ts';
import { defaultLabelledFile, readLabelledSet } from './labelled-set.ts';

let shipped: DomainClassifier | undefined;

/**
 * The classifier Baromètre uses: trained, once per process, on the training split of the
 * shipped labelled set (never on its held-out split, which measures it).
 */
export function shippedClassifier(): DomainClassifier {
  if (shipped === undefined) {
    const taxonomy = shippedTaxonomy();
    const training = readLabelledSet(defaultLabelledFile(), taxonomy).filter((item) => !item.heldOut);
    shipped = trainClassifier(taxonomy, training);
  }
  return shipped;
}
