import { describe, expect, it } from 'vitest';
import { authorityIndicators as authority } from '../../test/support/authority-indicators.ts';
import { peerComparison, peerGroupLabel, themePerformers } from './peer-comparison.rules.ts';

const rate = (applicable: number, digitalised: number, endToEnd: number) => ({
  applicable,
  digitalised,
  endToEnd,
});

describe('peer comparison', () => {
  const group = 'departement:500000-999999';
  const peers = [10, 20, 30, 40, 50].map((index) =>
    authority({ index, peerGroup: group, endToEnd: index / 10 }),
  );
  const elsewhere = authority({ index: 99, peerGroup: 'departement:lt250000' });
  const commune = authority({ index: 1, kind: 'commune', peerGroup: group });

  it('places each indicator against the quartiles of the peer group only, the authority included', () => {
    const me = peers[4] as (typeof peers)[number];
    const result = peerComparison(me, [...peers, elsewhere, commune]);
    expect(result.size).toBe(5);
    const index = result.indicators.find((row) => row.key === 'index');
    expect(index?.peers).toMatchObject({ q1: 20, median: 30, q3: 40, min: 10, max: 50, n: 5 });
    expect(index?.value).toBe(50);
    expect(index?.position).toBe('above');
    expect(result.indicators.find((row) => row.key === 'end_to_end')?.position).toBe('above');
    expect(peerComparison(peers[0] as (typeof peers)[number], peers).indicators[0]?.position).toBe('below');
    expect(peerComparison(peers[2] as (typeof peers)[number], peers).indicators[0]?.position).toBe('within');
  });

  it('says nothing of the portal when the authority or all its peers lack a score', () => {
    const result = peerComparison(peers[0] as (typeof peers)[number], peers);
    const portal = result.indicators.find((row) => row.key === 'portal_score');
    expect(portal).toMatchObject({ value: null, peers: null, position: null });
    const scored = authority({ peerGroup: group, portalScore: 80 });
    const withScore = peerComparison(scored, [...peers, scored]).indicators.find(
      (r) => r.key === 'portal_score',
    );
    expect(withScore).toMatchObject({ value: 80, peers: { n: 1, median: 80 }, position: 'within' });
  });

  it('compares an authority without peer group with its whole kind', () => {
    const unknown = authority({ peerGroup: null, index: 0 });
    const result = peerComparison(unknown, [...peers, elsewhere, commune, unknown]);
    expect(result.peerGroup).toBeNull();
    expect(result.size).toBe(7);
  });

  it('names peer groups in French, collectivités uniques among départements', () => {
    expect(peerGroupLabel('departement:500000-999999')).toMatch(/^Départements de 500/);
    expect(peerGroupLabel('collectivite_unique:500000-999999')).toBe(
      peerGroupLabel('departement:500000-999999'),
    );
    expect(peerGroupLabel('departement:nowhere')).toBeNull();
    expect(peerGroupLabel(null)).toBeNull();
  });
});

describe('best performers of a theme', () => {
  it('ranks by services online, then end to end, then name, leaving out those with none', () => {
    const list = [
      authority({ name: 'Drôme', themeRates: { a: rate(3, 2, 0) } }),
      authority({ name: 'Ain', themeRates: { a: rate(3, 2, 1) } }),
      authority({ name: 'Isère', themeRates: { a: rate(3, 3, 0) } }),
      authority({ name: 'Cantal', themeRates: { a: rate(3, 2, 1) } }),
      authority({ name: 'Aude', themeRates: { a: rate(3, 0, 0) } }),
      authority({ name: 'Gard', themeRates: { b: rate(3, 3, 3) } }),
    ];
    expect(themePerformers(list, 'a').map((p) => p.name)).toEqual(['Isère', 'Ain', 'Cantal', 'Drôme']);
    expect(themePerformers(list, 'a', 2).map((p) => p.name)).toEqual(['Isère', 'Ain']);
    expect(themePerformers(list, 'z')).toEqual([]);
  });
});
