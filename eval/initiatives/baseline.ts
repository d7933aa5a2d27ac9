import type { DomainTaxonomy } from '../../src/initiatives/domains.ts';

/**
 * The naive baseline: a domain is predicted when one of its taxonomy keywords appears, as
 * written, in the lower-cased text (no accent folding, no stemming, no learning); with no
 * keyword found, the domain most frequent in the training split.
 */
export function keywordBaseline(taxonomy: DomainTaxonomy, fallback: string) {
  return (title: string, description: string): string[] => {
    const text = `${title} ${description}`.toLowerCase();
    const found = taxonomy.domains
      .filter((domain) => domain.keywords.some((keyword) => text.includes(keyword.toLowerCase())))
      .map((domain) => domain.key);
    return found.length > 0 ? found : [fallback];
  };
}
