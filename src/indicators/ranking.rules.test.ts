import { describe, expect, it } from 'vitest';
import { changeOf, comparabilityOf, peerGroupOf, rankAuthorities } from './ranking.rules.ts';

describe('peer groups', () => {
  it('places an authority by kind and population stratum', () => {
    expect(peerGroupOf({ kind: 'commune', code: '01053', population: 41_000 })).toBe('commune:20000-49999');
    expect(peerGroupOf({ kind: 'departement', code: '01', population: 250_000 })).toBe(
      'departement:250000-499999',
    );
    expect(peerGroupOf({ kind: 'collectivite_unique', code: '972', population: 360_000 })).toBe(
      'collectivite_unique:250000-499999',
    );
  });

  it('has no peer group without a population; régions go by location', () => {
    expect(peerGroupOf({ kind: 'commune', code: '98000', population: null })).toBeNull();
    expect(peerGroupOf({ kind: 'region', code: '04', population: null })).toBe('region:outre_mer');
  });
});

describe('rankings', () => {
  it('ranks ties together (competition ranking) within the kind and within the peer group', () => {
    const ranks = rankAuthorities([
      { kind: 'departement', peerGroup: 'g1', index: 80 },
      { kind: 'departement', peerGroup: 'g2', index: 90 },
      { kind: 'departement', peerGroup: 'g1', index: 80 },
      { kind: 'departement', peerGroup: null, index: 10 },
      { kind: 'commune', peerGroup: 'g3', index: 10 },
    ]);
    expect(ranks.map((r) => [r.rank, r.rankTotal, r.peerRank, r.peerTotal])).toEqual([
      [2, 4, 1, 2],
      [1, 4, 1, 1],
      [2, 4, 1, 2],
      [4, 4, null, null],
      [1, 1, 1, 1],
    ]);
    // Percentile within the kind at mid-rank: 80 has one below and two equal: (1 + 1) / 4.
    expect(ranks.map((r) => r.percentile)).toEqual([50, 87.5, 50, 12.5, 50]);
  });
});

describe('change since the previous edition', () => {
  it('is comparable only on the same referential and method', () => {
    const current = { referentialVersion: '2026.1', methodVersion: '2026.1' };
    expect(comparabilityOf(current, null)).toBeNull();
    expect(comparabilityOf(current, current)).toBe('comparable');
    expect(comparabilityOf(current, { ...current, referentialVersion: '2025.1' })).toBe(
      'referential_changed',
    );
    expect(comparabilityOf(current, { ...current, methodVersion: '2025.1' })).toBe('method_changed');
  });

  it('gives differences when comparable, previous values only when not', () => {
    const now = { index: 62.3, endToEnd: 12 };
    expect(changeOf(now, { index: 60.1, endToEnd: 15 }, 'comparable', 1)).toEqual({
      previousIndex: 60.1,
      indexChange: 2.2,
      previousEndToEnd: 15,
      endToEndChange: -3,
      status: 'comparable',
    });
    expect(changeOf(now, { index: 60.1, endToEnd: 15 }, 'referential_changed', 1)).toMatchObject({
      previousIndex: 60.1,
      indexChange: null,
      endToEndChange: null,
      status: 'not_comparable',
    });
    expect(changeOf(now, undefined, 'comparable', 1).status).toBe('new');
    expect(changeOf(now, undefined, null, 1).status).toBe('none');
  });
});
