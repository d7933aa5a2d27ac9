import { cueSignals, firstPhrase, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Online payment: "payer en ligne", "paiement sécurisé", "réglez vos factures sur le portail",
 * "achetez vos billets en ligne". Payment at the counter or by cheque is not.
 */

export const PAYMENT = 'payment';

const PHRASES = phraseMatcher([
  'paiement en ligne',
  'payer en ligne',
  'payez en ligne',
  'paiement sécurisé',
  'télépaiement',
  'payables en ligne',
  'réglez en ligne',
  'régler en ligne',
  'règlement en ligne',
]);
const PAY = /^(pay|paie|paiement|regl|regle|reglez|reglement|achet|achat|acquitt)/;
const CHANNEL = phraseMatcher([
  'en ligne',
  'par carte bancaire',
  'sur le portail',
  'sur l’espace',
  'sur votre espace',
  'depuis votre espace',
  'dans votre espace',
  'sur la plateforme',
  'boutique en ligne',
  'billetterie en ligne',
]);

export function detectPayment(_page: PageContent, ctx: DetectionContext): Signal[] {
  return cueSignals(
    ctx.analysis.blocks,
    { kind: 'payment', detector: PAYMENT, strength: 0.8 },
    (block) =>
      firstPhrase(PHRASES, block) ??
      nearPair(block, spans(CHANNEL, block.tokens), positions(block.tokens, PAY), 6),
  );
}
