import { describe, expect, it } from 'vitest';
import { foldFrench } from './french-text.ts';

describe('foldFrench', () => {
  it('removes accents and case so that one pattern matches every spelling', () => {
    expect(foldFrench('DÉCLARATION D’ACCESSIBILITÉ')).toBe("declaration d'accessibilite");
    expect(foldFrench('Déclaration d‘accessibilité')).toBe("declaration d'accessibilite");
  });

  it('expands ligatures and unifies no-break spaces and dashes', () => {
    expect(foldFrench('Mise en Œuvre\u00a0: 62\u202f% —\tnon‑conforme')).toBe(
      'mise en oeuvre : 62 % - non-conforme',
    );
  });
});
