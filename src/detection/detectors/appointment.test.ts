import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectAppointment } from './appointment.ts';

const found = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectAppointment(page, contextOf(page));
};

describe('appointment detector', () => {
  it.each([
    'Prenez rendez-vous en ligne avec le service.',
    'Réservez un créneau sur notre module de réservation.',
    'Prise de rendez-vous en ligne pour les cartes d’identité.',
    'Prenez RDV sur la plateforme de la ville.',
  ])('recognises « %s »', (line) => {
    expect(found(line)).toHaveLength(1);
  });

  it('does not take a phone appointment for online booking', () => {
    expect(found('Sur rendez-vous au 04 75 12 34 56.')).toEqual([]);
  });
});
