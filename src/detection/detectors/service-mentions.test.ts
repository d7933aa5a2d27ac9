import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectServiceMentions } from './service-mentions.ts';

function mentions(title: string, lines: string[]) {
  const page = textPage(title, lines);
  return detectServiceMentions(page, contextOf(page, ['commune'])).map((signal) => ({
    service: signal.serviceKey,
    strength: signal.strength,
    field: contextOf(page, ['commune']).analysis.blocks[signal.location.block ?? -1]?.field,
  }));
}

describe('service-mentions detector', () => {
  it('weighs a title mention far above a line of text', () => {
    const found = mentions('Acte de naissance', ['Bienvenue', 'La mairie délivre le livret de famille.']);
    const title = found.find((signal) => signal.service === 'acte-naissance');
    const line = found.find((signal) => signal.service === 'livret-famille');
    expect(title?.field).toBe('title');
    expect(title?.strength).toBeGreaterThan(2 * (line?.strength ?? 1));
  });

  it('reads a line that opens with the service, like a definition, as stronger than a passing mention', () => {
    const [leading] = mentions('État civil', ['Intro.', 'Livret de famille : demande sur place.']);
    const [passing] = mentions('État civil', [
      'Intro.',
      'Apportez aussi votre livret de famille au guichet.',
    ]);
    expect(leading?.strength).toBeGreaterThan(passing?.strength ?? 1);
  });

  it('hardly counts services listed in a menu-like line', () => {
    const found = mentions('Accueil', [
      'Bonjour',
      'Vos démarches : Acte de naissance · Livret de famille · Cantine scolaire · Portail famille',
    ]);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const signal of found) expect(signal.strength).toBeLessThan(0.1);
  });

  it('gives a service named in the name of the referential service (and its acronym) a mention', () => {
    const page = textPage('PMI', ['Les consultations de la PMI sont gratuites.']);
    const signals = detectServiceMentions(page, contextOf(page, ['departement']));
    expect(signals.map((signal) => signal.serviceKey)).toContain('pmi-consultations');
  });

  it('ignores services of other competence kinds', () => {
    const page = textPage('Acte de naissance', ['Texte.']);
    expect(detectServiceMentions(page, contextOf(page, ['departement']))).toEqual([]);
  });
});
