import { describe, expect, it } from 'vitest';
import { cogPostalCodeIndex } from './authority-search.service.ts';
import { buildPostalCodeIndex, isPostalCode } from './postal-codes.ts';

describe('postal codes', () => {
  it('maps each postal code to the current communes it serves, once each', () => {
    const index = buildPostalCodeIndex([
      {
        code: '01004',
        nom: 'Ambérieu-en-Bugey',
        type: 'commune-actuelle',
        zone: 'metro',
        codesPostaux: ['01500'],
      },
      {
        code: '01001',
        nom: 'L’Abergement',
        type: 'commune-actuelle',
        zone: 'metro',
        codesPostaux: ['01400', '01400'],
      },
      { code: '01002', nom: 'Ancienne', type: 'commune-deleguee', zone: 'metro', codesPostaux: ['01400'] },
    ]);
    expect(index.get('01500')).toEqual(['01004']);
    expect(index.get('01400')).toEqual(['01001']);
  });

  it('reads the COG package’s postal codes: Paris 1er and Bourg-en-Bresse', () => {
    const index = cogPostalCodeIndex();
    expect(index.get('75001')).toEqual(['75056']);
    expect(index.get('01000')).toContain('01053');
  });

  it('recognises five digits only', () => {
    expect(isPostalCode('01000')).toBe(true);
    expect(isPostalCode('2A004')).toBe(false);
    expect(isPostalCode('1000')).toBe(false);
  });
});
