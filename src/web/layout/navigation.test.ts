import { describe, expect, it } from 'vitest';
import { authorityPath, kindFromSlug, kindSlug } from '../routes/kind-slugs.ts';
import { BASE_NAVIGATION, currentNavItem } from './navigation.ts';

describe('currentNavItem', () => {
  it('marks the home item on the home page only', () => {
    expect(currentNavItem(BASE_NAVIGATION, '/')?.href).toBe('/');
    expect(currentNavItem(BASE_NAVIGATION, '/collectivites/departement/01')).toBeUndefined();
  });

  it('marks a section for its pages, and not for a longer word that merely starts the same', () => {
    expect(currentNavItem(BASE_NAVIGATION, '/methodologie')?.href).toBe('/methodologie');
    expect(currentNavItem(BASE_NAVIGATION, '/api/v1/editions')?.href).toBe('/api');
    expect(currentNavItem(BASE_NAVIGATION, '/apiculture')).toBeUndefined();
  });
});

describe('kind slugs', () => {
  it('round-trips every kind through its URL form', () => {
    expect(kindSlug('collectivite_unique')).toBe('collectivite-unique');
    expect(kindFromSlug('collectivite-unique')).toBe('collectivite_unique');
    expect(kindFromSlug('collectivite_unique')).toBeUndefined();
    expect(authorityPath({ kind: 'commune', code: '2A004' })).toBe('/collectivites/commune/2A004');
  });
});
