/** Multi-label precision, recall and F1 per domain, their macro average and the micro figures. */

export interface DomainScore {
  domain: string;
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  perDomain: DomainScore[];
  macroF1: number;
  microF1: number;
  /** Share of initiatives whose predicted domains are exactly the labelled ones. */
  exactMatch: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreMultiLabel(
  domains: readonly string[],
  pairs: readonly { labels: readonly string[]; predicted: readonly string[] }[],
): Scores {
  let exact = 0;
  const perDomain = domains.map((domain) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { labels, predicted } of pairs) {
      const labelled = labels.includes(domain);
      const found = predicted.includes(domain);
      if (labelled && found) tp++;
      else if (found) fp++;
      else if (labelled) fn++;
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { domain, support: tp + fn, tp, fp, fn, precision, recall, f1: f1Of(precision, recall) };
  });
  for (const { labels, predicted } of pairs) {
    if (labels.length === predicted.length && labels.every((label) => predicted.includes(label))) exact++;
  }
  const tp = perDomain.reduce((sum, d) => sum + d.tp, 0);
  const fp = perDomain.reduce((sum, d) => sum + d.fp, 0);
  const fn = perDomain.reduce((sum, d) => sum + d.fn, 0);
  return {
    perDomain,
    macroF1: perDomain.reduce((sum, d) => sum + d.f1, 0) / perDomain.length,
    microF1: f1Of(ratio(tp, tp + fp), ratio(tp, tp + fn)),
    exactMatch: ratio(exact, pairs.length),
  };
}
