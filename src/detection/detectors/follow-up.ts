import { type Cue, cueSignals, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, PageBlock, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Wording of an online follow-up of a request: "suivre l'avancement de votre dossier", "suivi
 * de votre demande", "vous êtes informé de chaque étape", "la décision vous est notifiée".
 * Not when the same words say the answer comes by post or phone ("vous serez informé de la
 * décision par courrier"): that is what a level-3 démarche says of its decision. Not in a
 * heading either: "Suivi de votre dossier" names a part of the page, whose lines say how.
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
/** "état" is a follow-up word in "l'état de votre demande", not in "l'État" or "état civil". */
const STATE_OF = /^(de|d|des|du)$/;

/** Offline channels of an answer: "par courrier", "par voie postale", "par téléphone". */
const OFFLINE_CHANNEL = phraseMatcher([
  'par courrier',
  'par voie postale',
  'par la poste',
  'par lettre',
  'par téléphone',
  'à votre domicile',
]);
/** An offline channel this many words from the follow-up wording is how the answer comes. */
const OFFLINE_WINDOW = 5;

export function detectFollowUp(_page: PageContent, ctx: DetectionContext): Signal[] {
  return cueSignals(
    ctx.analysis.blocks,
    { kind: 'tracking', detector: FOLLOW_UP, strength: 0.8 },
    (block) => {
      if (block.field === 'heading') return null;
      const offline = offlineChannels(block);
      const online = (span: [number, number]) =>
        !offline.some(([start, end]) => start < span[1] + OFFLINE_WINDOW && end > span[0] - OFFLINE_WINDOW);
      const fixed = PHRASES.match(block.tokens)
        .map((match): Cue => ({ phrase: match.phrase, span: [match.start, match.end] }))
        .find((cue) => online(cue.span));
      if (fixed !== undefined) return fixed;
      const objects = positions(block.tokens, OBJECT);
      return (
        spans(FOLLOW, block.tokens)
          .filter(
            ([start, end]) =>
              block.tokens[start]?.norm !== 'etat' || STATE_OF.test(block.tokens[end]?.norm ?? ''),
          )
          .map((anchor) => nearPair(block, [anchor], objects, 4))
          .find((cue) => cue !== null && online(cue.span)) ?? null
      );
    },
  );
}

/**
 * Spans of offline channels, but not an e-mail: "par courrier électronique", or "par courriel"
 * (which the matcher forgives as a typo of "courrier").
 */
function offlineChannels(block: PageBlock): Array<[number, number]> {
  return spans(OFFLINE_CHANNEL, block.tokens).filter(
    ([start, end]) =>
      block.tokens[end]?.norm !== 'electronique' &&
      !block.tokens.slice(start, end).some((token) => token.norm.startsWith('courriel')),
  );
}
