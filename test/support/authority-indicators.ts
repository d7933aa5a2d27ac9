import type { AuthorityIndicators } from '../../src/indicators/indicators.types.ts';

let nextId = 1;
/** An authority's indicators with only what a test sets mattering. */
export function authorityIndicators(overrides: Partial<AuthorityIndicators>): AuthorityIndicators {
  const id = nextId++;
  return {
    authorityId: id,
    code: String(id),
    name: `Collectivité ${id}`,
    kind: 'departement',
    peerGroup: null,
    population: null,
    operatingRevenue: null,
    revenueYear: null,
    revenuePerInhabitant: null,
    hasWebsite: true,
    servicesApplicable: 86,
    servicesAssessed: 86,
    levels: [0, 0, 0, 0, 0],
    endToEnd: 0,
    partial: 0,
    themesApplicable: 7,
    themesCovered: 7,
    themeRates: {},
    portalScore: null,
    portalChecks: 0,
    index: 50,
    indexPartial: false,
    rank: 1,
    rankTotal: 1,
    peerRank: null,
    peerTotal: null,
    percentile: 50,
    change: {
      previousIndex: null,
      indexChange: null,
      previousEndToEnd: null,
      endToEndChange: null,
      status: 'none',
    },
    ...overrides,
  };
}
