import { contentBlocks, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Wording of an online follow-up of a request: "suivre l'avancement de votre dossier", "suivi
 * de votre demande", "vous êtes informé de chaque étape", "la décision vous est notifiée".
 */

export const FOLLOW_UP = 'follow-up';

const PHRASES = phraseMatcher([
  'numéro de suivi',
  'état d’avancement',
  'historique de vos demandes',
  'historique de vos démarches',
  'historique de vos dossiers',
  'état de votre demande',
  'état de vos demandes',
  'état de votre dossier',
  'avancement de votre dossier',
  'avancement de votre demande',
  'avancement de votre projet',
  'notifiée dans votre espace',
  'recevez la décision',
]);

const FOLLOW = phraseMatcher([
  'suivre',
  'suivez',
  'suivent',
  'suit',
  'suivi',
  'suivie',
  'suivra',
  'informé',
  'informée',
  'notifiée',
  'notifié',
  'notification',
  'état',
  'avancement',
]);
const OBJECT =
  /^(demande|dossier|avancement|etat|instruction|candidature|traitement|etape|resolution|decision|paiement|inscription|reservation|projet|requete)s?$/;

export function detectFollowUp(_page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  for (const block of contentBlocks(ctx.analysis.blocks)) {
    const fixed = PHRASES.match(block.tokens)[0];
    const found = fixed
      ? { phrase: fixed.phrase, span: [fixed.start, fixed.end] as [number, number] }
      : nearPair(block, spans(FOLLOW, block.tokens), positions(block.tokens, OBJECT), 4);
    if (found) {
      signals.push({
        kind: 'tracking',
        detector: FOLLOW_UP,
        strength: 0.8,
        phrase: found.phrase,
        location: { block: block.index, span: found.span },
      });
    }
  }
  return signals;
}
