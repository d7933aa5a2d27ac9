import type { FarmSite } from './farm.types.ts';

/**
 * How well an audit found a farm's ground truth: per level, precision and recall of the
 * (site, service) pairs it put at that level, and the share of services at the exact level.
 */

export interface LevelScore {
  level: number;
  truth: number;
  found: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface TruthComparison {
  services: number;
  exactLevel: number;
  levelAccuracy: number;
  /** Presence (level ≥ 1) as a binary decision. */
  presence: { precision: number; recall: number; f1: number };
  byLevel: LevelScore[];
  /** Rows = true level, columns = found level. */
  confusion: number[][];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** `found(siteCode, serviceKey)` gives the audited level (0 when nothing was proposed). */
export function compareWithTruth(
  sites: readonly FarmSite[],
  applicableServiceKeys: (site: FarmSite) => readonly string[],
  found: (siteCode: string, serviceKey: string) => number,
): TruthComparison {
  const confusion = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const site of sites) {
    if (site.aliasOf !== undefined) continue;
    const truth = new Map(site.groundTruth.services.map((s) => [s.serviceKey, s.level as number]));
    for (const key of applicableServiceKeys(site)) {
      const row = confusion[truth.get(key) ?? 0];
      const column = found(site.code, key);
      if (row && row[column] !== undefined) row[column]++;
    }
  }
  const cell = (t: number, f: number) => confusion[t]?.[f] ?? 0;
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  const exact = [0, 1, 2, 3, 4].reduce((sum, level) => sum + cell(level, level), 0);
  const byLevel = [0, 1, 2, 3, 4].map((level) => {
    const truthCount = [0, 1, 2, 3, 4].reduce((sum, f) => sum + cell(level, f), 0);
    const foundCount = [0, 1, 2, 3, 4].reduce((sum, t) => sum + cell(t, level), 0);
    return {
      level,
      truth: truthCount,
      found: foundCount,
      correct: cell(level, level),
      precision: ratio(cell(level, level), foundCount),
      recall: ratio(cell(level, level), truthCount),
    };
  });
  let truePresent = 0;
  let foundPresent = 0;
  let bothPresent = 0;
  for (let t = 0; t < 5; t++) {
    for (let f = 0; f < 5; f++) {
      if (t > 0) truePresent += cell(t, f);
      if (f > 0) foundPresent += cell(t, f);
      if (t > 0 && f > 0) bothPresent += cell(t, f);
    }
  }
  const precision = ratio(bothPresent, foundPresent);
  const recall = ratio(bothPresent, truePresent);
  return {
    services: total,
    exactLevel: exact,
    levelAccuracy: ratio(exact, total),
    presence: {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    },
    byLevel,
    confusion,
  };
}

export function formatComparison(comparison: TruthComparison): string[] {
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `services comparés : ${comparison.services} ; niveau exact : ${percent(comparison.levelAccuracy)}`,
    `présence (niveau ≥ 1) : précision ${percent(comparison.presence.precision)}, rappel ${percent(comparison.presence.recall)}, F1 ${percent(comparison.presence.f1)}`,
    ...comparison.byLevel.map(
      (l) =>
        `niveau ${l.level} : attendus ${l.truth}, trouvés ${l.found}, justes ${l.correct} — précision ${percent(l.precision)}, rappel ${percent(l.recall)}`,
    ),
    'confusion (lignes = vérité, colonnes = audit) :',
    ...comparison.confusion.map(
      (row, level) => `  ${level} | ${row.map((n) => String(n).padStart(5)).join(' ')}`,
    ),
  ];
}
