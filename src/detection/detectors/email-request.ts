import { normalizeFrench } from '../../shared/french-text.ts';
import { contentBlocks } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * An invitation to send the request by e-mail: "envoyez votre demande par courriel à …",
 * a mailto link next to "adressez votre dossier". An address given as a contact for questions
 * is not a request channel.
 */

export const EMAIL_REQUEST = 'email-request';

/** Cheap test before normalising a line: no "@" and no mail word, no e-mail request. */
const MAIL_HINT = /@|courriel|mail|m[eé]l\b|messagerie|adresse/i;
const EMAIL_ADDRESS = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;
const BY_EMAIL =
  /\b(par (courriel|mail|e-mail|email|mel|messagerie)|a l'adresse|adresse (electronique|mail))\b/;
const REQUEST =
  /\b(envo\w*|adress\w*|transm\w*|faire parvenir|faites parvenir|demande\w*|dossier|candidature|inscri\w*|retourn\w*|renvoy\w*)\b/;
/** "Pour toute question, écrivez à …": a contact address, not a channel for the request. */
const QUESTION = /\b(pour (toute|tout|toutes|tous|plus d)|questions?|renseignements?)\b/;

export function detectEmailRequest(page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  const blocks = contentBlocks(ctx.analysis.blocks);
  for (const block of blocks) {
    if (block.field !== 'line' && block.field !== 'link') continue;
    if (block.field === 'line' && !MAIL_HINT.test(block.text)) continue;
    let text = normalizeFrench(block.text);
    let mailto = false;
    if (block.field === 'link' && block.link !== undefined) {
      const link = page.links[block.link];
      if (!link?.href.startsWith('mailto:')) continue;
      mailto = true;
      // The line around the link says what the address is for.
      const around = blocks.find(
        (candidate) =>
          candidate.field === 'line' &&
          candidate.section === block.section &&
          candidate.text.includes(link.text),
      );
      if (around) text = normalizeFrench(around.text);
    }
    const hasAddress = mailto || EMAIL_ADDRESS.test(text) || BY_EMAIL.test(text);
    if (!hasAddress || !REQUEST.test(text) || QUESTION.test(text)) continue;
    if (!mailto && !EMAIL_ADDRESS.test(text) && !BY_EMAIL.test(text)) continue;
    signals.push({
      kind: 'email_request',
      detector: EMAIL_REQUEST,
      strength: 0.7,
      phrase: (text.match(BY_EMAIL)?.[0] ?? text.match(EMAIL_ADDRESS)?.[0] ?? 'courriel').trim(),
      location: { block: block.index },
    });
  }
  return signals;
}
