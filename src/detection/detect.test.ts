import { describe, expect, it } from 'vitest';
import { htmlPage, testDetector, testReferential, textPage } from '../../test/support/detection.ts';
import { createDetector } from './detect.ts';
import { DETECTORS } from './registry.ts';

describe('createDetector', () => {
  it('records a detector that throws as failed for that page and keeps the others', () => {
    const detector = createDetector(testReferential(), {
      kinds: ['commune'],
      detectors: [
        ...DETECTORS,
        {
          name: 'broken',
          detect: () => {
            throw new Error('boom');
          },
        },
      ],
    });
    const result = detector.detectPage(
      textPage('Acte de naissance', ['Faites votre demande en ligne.', 'Gratuit.']),
    );
    expect(result.failedDetectors).toEqual([{ detector: 'broken', error: 'boom' }]);
    expect(result.detections.map((detection) => [detection.serviceKey, detection.level])).toContainEqual([
      'acte-naissance',
      3,
    ]);
  });

  it('registers each detector once, under a unique name', () => {
    const names = DETECTORS.map((detector) => detector.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('looks only for the services of the requested competence kinds', () => {
    const page = textPage('Transport scolaire', ['Inscription au transport scolaire en ligne.', 'Tarifs.']);
    const keys = (kinds: Parameters<typeof testDetector>[0]) =>
      testDetector(kinds)
        .detectPage(page)
        .detections.map((detection) => detection.serviceKey);
    expect(keys(['region'])).toEqual(['transport-scolaire-region']);
    expect(keys(['departement'])).toEqual(['transport-scolaire-departement']);
    expect(keys(undefined).sort()).toEqual(['transport-scolaire-departement', 'transport-scolaire-region']);
  });

  it('detects a service and its level on an HTML page, ignoring the navigation menu', () => {
    const page = htmlPage(
      '<h1>Demande de place en crèche</h1><p>Les places sont attribuées en commission.</p>' +
        '<p><a href="https://famille.ville-test.fr/creche">Faire une pré-inscription</a></p>',
      'https://www.ville-test.fr/enfance/creche',
      'Crèches',
    );
    const result = testDetector(['commune']).detectPage(page);
    expect(result.detections).toEqual([
      expect.objectContaining({
        serviceKey: 'creche',
        level: 4,
        evidence: expect.objectContaining({ platform: 'portail-famille-collectivite' }),
      }),
    ]);
  });

  it('returns no detection for a page about no service', () => {
    expect(
      testDetector(['commune']).detectPage(textPage('Horaires', ['La mairie est ouverte le matin.']))
        .detections,
    ).toEqual([]);
  });
});
