import { type ChiSquareResult, chiSquareIndependence } from '../../indicators/statistics/chi-square.ts';
import { type CorrelationResult, pearson, spearman } from '../../indicators/statistics/correlation.ts';
import { COMMUNE_STRATA, stratumOf } from '../../indicators/strata.ts';
import type { PublishedDomainRow } from './published-domains.query.ts';

/**
 * The registry's analyses, pure: what share of initiatives each domain takes, how many
 * initiatives communes of each population stratum carry, whether size and main domain are
 * independent (chi-square), and how population and number of initiatives correlate among the
 * communes present in the registry.
 */

export interface DomainShare {
  domain: string;
  /** Initiatives having the domain, main or not. */
  count: number;
  /** count / initiatives: the shares add up to more than 100 % when initiatives have several domains. */
  share: number;
  /** Initiatives whose main domain it is. */
  mainCount: number;
  mainShare: number;
}

export interface StratumRow {
  key: string;
  label: string;
  communes: number;
  initiatives: number;
  /** Initiatives per commune present in the registry. */
  perCommune: number;
  /** Main-domain counts, in the order of `domains`. */
  mainDomains: number[];
}

export interface InitiativesAnalysis {
  initiatives: number;
  authorities: number;
  domains: DomainShare[];
  communes: {
    initiatives: number;
    communes: number;
    /** Communes whose population is unknown: left out of strata and correlations. */
    unknownPopulation: number;
    strata: StratumRow[];
    independence: ChiSquareResult;
    pearson: CorrelationResult;
    spearman: CorrelationResult;
  };
}

export function analyseInitiatives(
  rows: readonly PublishedDomainRow[],
  domains: readonly string[],
): InitiativesAnalysis {
  const initiatives = new Map<number, { authorityId: number; main: string; all: Set<string> }>();
  // Rows come ordered by initiative then rank: an initiative's first row is its main domain.
  for (const row of rows) {
    const entry = initiatives.get(row.initiativeId);
    if (entry) entry.all.add(row.domain);
    else
      initiatives.set(row.initiativeId, {
        authorityId: row.authorityId,
        main: row.domain,
        all: new Set([row.domain]),
      });
  }
  const total = initiatives.size;
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const domainShares = domains.map((domain) => {
    let count = 0;
    let mainCount = 0;
    for (const entry of initiatives.values()) {
      if (entry.all.has(domain)) count++;
      if (entry.main === domain) mainCount++;
    }
    return { domain, count, share: ratio(count, total), mainCount, mainShare: ratio(mainCount, total) };
  });
  domainShares.sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain));

  const communes = new Map<number, { population: number | null; initiatives: number; main: number[] }>();
  const authorities = new Set<number>();
  let communeInitiatives = 0;
  const seen = new Set<number>();
  for (const row of rows) {
    authorities.add(row.authorityId);
    if (row.kind !== 'commune' || seen.has(row.initiativeId)) continue;
    seen.add(row.initiativeId);
    communeInitiatives++;
    const commune = communes.get(row.authorityId) ?? {
      population: row.population,
      initiatives: 0,
      main: domains.map(() => 0),
    };
    commune.initiatives++;
    const main = domains.indexOf((initiatives.get(row.initiativeId) as { main: string }).main);
    if (main >= 0) commune.main[main] = (commune.main[main] as number) + 1;
    communes.set(row.authorityId, commune);
  }

  const strata: StratumRow[] = COMMUNE_STRATA.map((stratum) => ({
    key: stratum.key,
    label: stratum.label,
    communes: 0,
    initiatives: 0,
    perCommune: 0,
    mainDomains: domains.map(() => 0),
  }));
  let unknownPopulation = 0;
  const populations: number[] = [];
  const counts: number[] = [];
  for (const commune of communes.values()) {
    const stratum = stratumOf('commune', commune.population);
    const row = strata.find((candidate) => candidate.key === stratum?.key);
    if (row === undefined || commune.population === null) {
      unknownPopulation++;
      continue;
    }
    row.communes++;
    row.initiatives += commune.initiatives;
    commune.main.forEach((count, index) => {
      row.mainDomains[index] = (row.mainDomains[index] as number) + count;
    });
    populations.push(commune.population);
    counts.push(commune.initiatives);
  }
  for (const row of strata) row.perCommune = ratio(row.initiatives, row.communes);

  return {
    initiatives: total,
    authorities: authorities.size,
    domains: domainShares,
    communes: {
      initiatives: communeInitiatives,
      communes: communes.size,
      unknownPopulation,
      strata,
      independence: chiSquareIndependence(strata.map((row) => row.mainDomains)),
      pearson: pearson(populations, counts),
      spearman: spearman(populations, counts),
    },
  };
}
