import type { Farm, FarmSite } from './farm.types.ts';

/** The farm's ground truth as data: stable JSON and the summaries the CLI and tests print. */

export const GROUND_TRUTH_FORMAT = 'barometre-farm-ground-truth/1';

export function groundTruthJson(farm: Farm): string {
  return `${JSON.stringify(
    {
      format: GROUND_TRUTH_FORMAT,
      seed: farm.seed,
      referentialVersion: farm.referentialVersion,
      simulated: true,
      platformHosts: farm.platformHosts,
      sites: farm.sites.map((site) => ({
        code: site.code,
        name: site.name,
        kind: site.kind,
        homeUrl: site.homeUrl,
        hosts: site.hosts,
        ...(site.aliasOf === undefined ? {} : { aliasOf: site.aliasOf }),
        groundTruth: site.groundTruth,
      })),
    },
    null,
    2,
  )}\n`;
}

/** Services of a site at each level 0–4 (level 0: applicable services it does not offer). */
export function levelCounts(site: FarmSite): [number, number, number, number, number] {
  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const service of site.groundTruth.services) counts[service.level]++;
  counts[0] = site.groundTruth.applicableServices - site.groundTruth.services.length;
  return counts;
}

export interface LevelDistribution {
  sites: number;
  /** Sum over sites of the services at each level. */
  totals: [number, number, number, number, number];
  /** Sites by number of level-4 services: "0-9", "10-19"… */
  endToEndHistogram: Record<string, number>;
  sitesOver50EndToEnd: number;
  sitesUnder10EndToEnd: number;
}

export function levelDistribution(sites: readonly FarmSite[]): LevelDistribution {
  const distinct = sites.filter((site) => site.aliasOf === undefined);
  const totals: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const endToEndHistogram: Record<string, number> = {};
  let over50 = 0;
  let under10 = 0;
  for (const site of distinct) {
    const counts = levelCounts(site);
    counts.forEach((count, level) => {
      totals[level as 0 | 1 | 2 | 3 | 4] += count;
    });
    const bucket = Math.floor(counts[4] / 10) * 10;
    const label = `${bucket}-${bucket + 9}`;
    endToEndHistogram[label] = (endToEndHistogram[label] ?? 0) + 1;
    if (counts[4] > 50) over50++;
    if (counts[4] < 10) under10++;
  }
  return {
    sites: distinct.length,
    totals,
    endToEndHistogram: Object.fromEntries(
      Object.entries(endToEndHistogram).sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10)),
    ),
    sitesOver50EndToEnd: over50,
    sitesUnder10EndToEnd: under10,
  };
}
