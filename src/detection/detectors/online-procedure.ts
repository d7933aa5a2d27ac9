import { cueSignals, firstPhrase, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Wording of an online procedure: fixed phrases ("téléservice", "formulaire en ligne") and an
 * action word near "en ligne" ("déposez votre dossier complet en ligne"), but not "consultable
 * en ligne" or "mis en ligne".
 */

export const ONLINE_PROCEDURE = 'online-procedure';

const PHRASES = phraseMatcher([
  'téléservice',
  'télé-service',
  'téléprocédure',
  'télé-procédure',
  'télédéclaration',
  'formulaire en ligne',
  'formulaire de demande en ligne',
  'démarche en ligne',
  'démarches en ligne',
  'dépôt en ligne',
  'demande en ligne',
  'demandes en ligne',
  'inscription en ligne',
  'pré-inscription en ligne',
  'pré-demande en ligne',
  'réservation en ligne',
  'candidature en ligne',
  'saisine par voie électronique',
  'par voie électronique',
  'dépôt dématérialisé',
  'remplissez le formulaire ci-dessous',
  'remplir le formulaire ci-dessous',
  'via le formulaire',
  'plateforme en ligne',
  'portail en ligne',
  'entièrement en ligne',
  'exclusivement en ligne',
  'directement en ligne',
  'uniquement en ligne',
  'en quelques clics',
]);

const EN_LIGNE = phraseMatcher(['en ligne', 'sur internet', 'par internet']);
/** "déposez votre demande sur le portail des aides": a portal is online even when the page does not say so. */
const ON_PORTAL = phraseMatcher([
  'sur le portail',
  'sur la plateforme',
  'sur notre portail',
  'sur notre plateforme',
  'via le portail',
  'via la plateforme',
  'depuis le portail',
  'depuis la plateforme',
  'sur le téléservice',
  'sur le guichet',
]);
/** "le formulaire de contact ci-dessous": a form on the page, unless it is to be downloaded. */
const BELOW = phraseMatcher(['ci-dessous', 'ci-après', 'sur cette page']);
const FORM = /^formulaires?$/;
const DOWNLOAD = /^(telecharg|imprim|pdf)/;
/** Action words of a request. */
const ACTION =
  /^(demand|depos|depot|inscri|reserv|command|declar|postul|candidat|souscri|rempli|saisi|transmet|envo|effectu|fai(re|tes|s|t)$|sign|cre(er|ez|e|ation)$|constitu|complet|sollicit|adher|abonn|renouvel|resili|enregistr|realis|accompli|propos|vot(e|ez|er|ent)$)/;
/** Words that make "en ligne" mean reading, not doing. */
const READING =
  /^(consult|catalogue|disponible|publi|retrouv|mise?s?$|video|cours|ressource|visionn|lire|affich)/;

export function detectOnlineProcedure(_page: PageContent, ctx: DetectionContext): Signal[] {
  return cueSignals(
    ctx.analysis.blocks,
    { kind: 'online_procedure', detector: ONLINE_PROCEDURE, strength: 0.7 },
    (block) => {
      const fixed = firstPhrase(PHRASES, block);
      if (fixed !== null) return { ...fixed, strength: 0.8 };
      const reading = positions(block.tokens, READING);
      const actions = positions(block.tokens, ACTION);
      return (
        nearPair(block, spans(EN_LIGNE, block.tokens), actions, 6, reading) ??
        nearPair(block, spans(ON_PORTAL, block.tokens), actions, 6, reading) ??
        // A form "ci-dessous" is on the page, unless the line says to download or print it.
        (positions(block.tokens, DOWNLOAD).length === 0
          ? nearPair(block, spans(BELOW, block.tokens), positions(block.tokens, FORM), 4)
          : null)
      );
    },
  );
}
