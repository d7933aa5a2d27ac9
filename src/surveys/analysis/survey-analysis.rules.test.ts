import { describe, expect, it } from 'vitest';
import type { PopulationCell } from './population-cells.query.ts';
import type { Respondent } from './respondents.query.ts';
import { regionsToPool, weightRespondents } from './survey-analysis.rules.ts';

/**
 * Weighting by région when some régions have few or no respondents: they are weighted together
 * instead of ruling the région out. One kind and one size band, so that the région alone sets
 * the weights: each respondent carries its category's population / its respondents.
 */

const cells = (byRegion: Record<string, number>): PopulationCell[] =>
  Object.entries(byRegion).map(([regionCode, authorities]) => ({
    kind: 'commune',
    size: 'lt3500',
    regionCode,
    regionName: `Région ${regionCode}`,
    authorities,
  }));

let nextId = 1;
const respondents = (byRegion: Record<string, number>): Respondent[] =>
  Object.entries(byRegion).flatMap(([regionCode, n]) =>
    Array.from({ length: n }, () => ({
      recipientId: nextId,
      authorityId: nextId++,
      kind: 'commune' as const,
      regionCode,
      population: 1_000,
      profile: 'agent' as const,
      answers: {},
    })),
  );

describe('weighting by région', () => {
  it('pools the régions with fewer than five respondents, the empty one included', () => {
    const sample = respondents({ '11': 6, '24': 5, '32': 2 });
    const result = weightRespondents(sample, cells({ '11': 100, '24': 60, '32': 30, '44': 10 }));
    expect(result.weighting).toMatchObject({
      dimensions: ['kind', 'size', 'region'],
      dropped: [],
      pooledRegions: [
        { code: '32', name: 'Région 32' },
        { code: '44', name: 'Région 44' },
      ],
      populationTotal: 200,
    });
    const expected = [...Array(6).fill(100 / 6), ...Array(5).fill(60 / 5), ...Array(2).fill(40 / 2)];
    expect(result.weights).toHaveLength(expected.length);
    result.weights?.forEach((w, i) => {
      expect(w).toBeCloseTo(expected[i] as number, 9);
    });
  });

  it('adds the least represented région when every small one is empty', () => {
    const sample = respondents({ '11': 6, '24': 5 });
    expect([...regionsToPool(sample, cells({ '11': 100, '24': 60, '44': 10 }))].sort()).toEqual(['24', '44']);
    const result = weightRespondents(sample, cells({ '11': 100, '24': 60, '44': 10 }));
    expect(result.weighting.pooledRegions.map((r) => r.code)).toEqual(['24', '44']);
    const expected = [...Array(6).fill(100 / 6), ...Array(5).fill(70 / 5)];
    expect(result.weights).toHaveLength(expected.length);
    result.weights?.forEach((w, i) => {
      expect(w).toBeCloseTo(expected[i] as number, 9);
    });
  });

  it('pools nothing when every région is well represented', () => {
    const sample = respondents({ '11': 5, '24': 7 });
    const result = weightRespondents(sample, cells({ '11': 100, '24': 60 }));
    expect(result.weighting).toMatchObject({ dimensions: ['kind', 'size', 'region'], pooledRegions: [] });
  });

  it('drops the région when pooling would leave a single category', () => {
    const sample = respondents({ '11': 3 });
    const result = weightRespondents(sample, cells({ '11': 100, '24': 60 }));
    expect(result.weighting.dimensions).toEqual(['kind', 'size']);
    expect(result.weighting.dropped.map((d) => d.dimension)).toEqual(['region']);
    expect(result.weighting.pooledRegions).toEqual([]);
  });
});
