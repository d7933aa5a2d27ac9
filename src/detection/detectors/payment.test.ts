import { describe, expect, it } from 'vitest';
import { contextOf, textPage } from '../../../test/support/detection.ts';
import { detectPayment } from './payment.ts';

const found = (line: string) => {
  const page = textPage('Titre', [line, 'Fin.']);
  return detectPayment(page, contextOf(page));
};

describe('payment detector', () => {
  it.each([
    'Payez vos factures en ligne.',
    'Les factures sont à régler par carte bancaire sur le portail.',
    'Paiement sécurisé par carte bancaire.',
    'Achetez vos billets en ligne.',
  ])('recognises « %s »', (line) => {
    expect(found(line)).toHaveLength(1);
  });

  it('does not take payment at the counter for online payment', () => {
    expect(found('Le paiement se fait en mairie à réception de la facture.')).toEqual([]);
  });
});
