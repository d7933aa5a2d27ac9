import { describe, expect, it } from 'vitest';
import type { PublishedInitiative } from './export/published-initiatives.query.ts';
import {
  domainCounts,
  filterRegistry,
  type PublishedEntry,
  sizeBandOf,
  yearsOf,
} from './registry-view.rules.ts';

const entry = (id: number, fields: Partial<PublishedInitiative>, domains: string[]): PublishedEntry => ({
  initiative: {
    id,
    authorityKind: 'commune',
    authorityCode: `0100${id}`,
    authorityName: `Commune ${id}`,
    regionCode: '84',
    departementCode: '01',
    population: 1_000,
    title: `Initiative ${id}`,
    description: '',
    year: 2025,
    progress: 'completed',
    url: null,
    publishedAt: '2026-01-01T00:00:00Z',
    classificationSource: 'classifier',
    classificationId: id,
    ...fields,
  } as PublishedInitiative,
  domains: domains.map((domain) => ({ domain, confidence: null })),
});

const ENTRIES = [
  entry(1, {}, ['inclusion', 'communication']),
  entry(2, { population: 25_000, year: 2026 }, ['communication']),
  entry(3, { regionCode: '11', population: null }, ['culture']),
  entry(4, { population: 2_000 }, ['inclusion']),
];

describe('registry view rules', () => {
  it('puts a population in its size band, the lower bound included', () => {
    expect(sizeBandOf(1_999)).toBe('moins-de-2000');
    expect(sizeBandOf(2_000)).toBe('2000-9999');
    expect(sizeBandOf(50_000)).toBe('50000-et-plus');
    expect(sizeBandOf(null)).toBeNull();
  });

  it('keeps entries matching every filter given, a domain matching main or not', () => {
    const ids = (filter: Parameters<typeof filterRegistry>[1]) =>
      filterRegistry(ENTRIES, filter).map((e) => e.initiative.id);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ domain: 'communication' })).toEqual([1, 2]);
    expect(ids({ regionCode: '11' })).toEqual([3]);
    expect(ids({ size: 'moins-de-2000' })).toEqual([1]);
    expect(ids({ size: '2000-9999', domain: 'inclusion' })).toEqual([4]);
    expect(ids({ year: 2026, domain: 'inclusion' })).toEqual([]);
  });

  it('counts each domain of the taxonomy, in its order, shares out of the entries', () => {
    expect(domainCounts(ENTRIES, ['communication', 'culture', 'inclusion', 'securite'])).toEqual([
      { domain: 'communication', count: 2, share: 0.5 },
      { domain: 'culture', count: 1, share: 0.25 },
      { domain: 'inclusion', count: 2, share: 0.5 },
      { domain: 'securite', count: 0, share: 0 },
    ]);
    expect(domainCounts([], ['culture'])).toEqual([{ domain: 'culture', count: 0, share: 0 }]);
    expect(yearsOf(ENTRIES)).toEqual([2026, 2025]);
  });
});
