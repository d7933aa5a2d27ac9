import type { CogCommune } from './cog-source.ts';

/**
 * Postal codes → INSEE codes of the current communes they serve, from the COG package's
 * `codesPostaux` (La Poste's base, as shipped by @etalab/decoupage-administratif). A postal code
 * often serves several communes, and a commune can have several postal codes.
 */
export function buildPostalCodeIndex(communes: readonly CogCommune[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue;
    for (const postalCode of commune.codesPostaux ?? []) {
      const codes = index.get(postalCode);
      if (codes) {
        if (!codes.includes(commune.code)) codes.push(commune.code);
      } else index.set(postalCode, [commune.code]);
    }
  }
  return index;
}

export const isPostalCode = (text: string): boolean => /^\d{5}$/.test(text);
