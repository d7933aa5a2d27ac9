import { cueSignals, firstPhrase, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Online appointment booking: "prenez rendez-vous en ligne", "réservez un créneau", a booking
 * module. A phone appointment ("sur rendez-vous au 04…") is not online.
 */

export const APPOINTMENT = 'appointment';

const PHRASES = phraseMatcher([
  'prise de rendez-vous en ligne',
  'prendre rendez-vous en ligne',
  'prenez rendez-vous en ligne',
  'rendez-vous en ligne',
  'module de réservation',
  'agenda de réservation',
  'agenda en ligne',
  'réservez un créneau',
  'choisissez un créneau',
  'réserver un créneau',
]);
const RENDEZ_VOUS = phraseMatcher(['rendez-vous', 'rdv', 'créneau', 'créneaux']);
const ONLINE = /^(ligne|internet|plateforme|doctolib|application|module)$/;

export function detectAppointment(_page: PageContent, ctx: DetectionContext): Signal[] {
  return cueSignals(
    ctx.analysis.blocks,
    { kind: 'appointment', detector: APPOINTMENT, strength: 0.8 },
    (block) =>
      firstPhrase(PHRASES, block) ??
      nearPair(block, spans(RENDEZ_VOUS, block.tokens), positions(block.tokens, ONLINE), 6),
  );
}
