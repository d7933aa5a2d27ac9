import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.ts';
import { indexScale } from '../map/map-scale.ts';
import { pageWindow } from '../pages/pagination.tsx';
import { parseRankingParams, rankingQueryString } from './ranking-params.ts';

describe('rankings URL parameters', () => {
  it('defaults to the index, best first, 50 a page, page 1', () => {
    expect(parseRankingParams({})).toEqual({ sort: 'indice', direction: 'desc', page: 1, perPage: 50 });
  });

  it('treats empty fields of the GET form as absent', () => {
    expect(parseRankingParams({ categorie: '', region: '', departement: '', strate: '', tri: '' })).toEqual(
      parseRankingParams({}),
    );
  });

  it('gives each column its natural order: names A to Z, figures highest first', () => {
    expect(parseRankingParams({ tri: 'nom' }).direction).toBe('asc');
    expect(parseRankingParams({ tri: 'population' }).direction).toBe('desc');
    expect(parseRankingParams({ tri: 'nom', ordre: 'desc' }).direction).toBe('desc');
  });

  it('upper-cases Corsican département codes', () => {
    expect(parseRankingParams({ departement: '2a' }).departement).toBe('2A');
  });

  it('names every bad parameter in one French error', () => {
    try {
      parseRankingParams({ categorie: 'canton', page: '-1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems.map((p) => p.field)).toEqual(['categorie', 'page']);
    }
  });

  it('writes the canonical query string: defaults left out, round trip exact', () => {
    const params = parseRankingParams({
      categorie: 'commune',
      tri: 'nom',
      ordre: 'desc',
      page: '3',
      par_page: '100',
    });
    const query = rankingQueryString(params);
    expect(query).toBe('?categorie=commune&tri=nom&ordre=desc&par_page=100&page=3');
    expect(parseRankingParams(Object.fromEntries(new URLSearchParams(query)))).toEqual(params);
    expect(rankingQueryString(params, { withPage: false })).not.toContain('page=3');
    expect(rankingQueryString(parseRankingParams({}))).toBe('');
  });
});

describe('page links', () => {
  it('shows first, last and two either side of the current page, with gaps marked', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});

describe('index colour scale', () => {
  it('has five fixed classes of 20 points, 100 in the top one, no data apart', () => {
    const scale = indexScale();
    expect(scale.classes.map((c) => c.label)).toEqual([
      '0 à 19,9',
      '20 à 39,9',
      '40 à 59,9',
      '60 à 79,9',
      '80 à 100',
    ]);
    expect(scale.colourOf(19.9)).toBe(scale.classes[0]?.colour);
    expect(scale.colourOf(20)).toBe(scale.classes[1]?.colour);
    expect(scale.colourOf(100)).toBe(scale.classes[4]?.colour);
    expect(scale.colourOf(null)).not.toBe(scale.colourOf(0));
  });
});
