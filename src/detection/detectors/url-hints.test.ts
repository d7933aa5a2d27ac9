import { describe, expect, it } from 'vitest';
import { contextOf, htmlPage, textPage } from '../../../test/support/detection.ts';
import { detectUrlHints } from './url-hints.ts';

describe('url-hints detector', () => {
  it('reads url_hints in the last path segment as strong, earlier segments as weak', () => {
    const last = textPage('x', ['y'], 'https://www.ville.fr/enfance/restauration-scolaire');
    const earlier = textPage('x', ['y'], 'https://www.ville.fr/restauration-scolaire/menus-novembre');
    const strengthOf = (page: ReturnType<typeof textPage>) =>
      detectUrlHints(page, contextOf(page, ['commune'])).find(
        (signal) => signal.serviceKey === 'restauration-scolaire',
      )?.strength ?? 0;
    expect(strengthOf(last)).toBeGreaterThanOrEqual(0.3);
    expect(strengthOf(earlier)).toBeLessThan(0.2);
  });

  it('matches a hint as whole words of a segment, not inside a word', () => {
    const partOf = textPage('x', ['y'], 'https://www.ville.fr/demarches/demande-acte-de-naissance-en-ligne');
    const inside = textPage('x', ['y'], 'https://www.ville.fr/renaissance');
    expect(
      detectUrlHints(partOf, contextOf(partOf, ['commune'])).map((signal) => signal.serviceKey),
    ).toContain('acte-naissance');
    expect(detectUrlHints(inside, contextOf(inside, ['commune']))).toEqual([]);
  });

  it('ties main-content links to services by their address', () => {
    const page = htmlPage('<p><a href="/etat-civil/livret-de-famille">Faire la demande</a></p>');
    const signals = detectUrlHints(page, contextOf(page, ['commune']));
    expect(signals).toEqual([
      expect.objectContaining({ serviceKey: 'livret-famille', location: { block: expect.any(Number) } }),
    ]);
  });
});
