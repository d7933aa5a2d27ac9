import { normalizeFrench } from '../../shared/french-text.ts';
import { contentBlocks, nearPair, phraseMatcher, positions, spans } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * A form to download or print and return: a link to a PDF, Word or OpenDocument file named as
 * a form, or wording such as "téléchargez le dossier", "formulaire à imprimer", "cerfa … (PDF)".
 * A downloadable guide, menu or calendar is not a form.
 */

export const DOWNLOADABLE_FORM = 'downloadable-form';

const DOCUMENT_FILE = /\.(pdf|docx?|odt|rtf)(\?|$)/i;
const FORM_WORD =
  /(formulaire|dossier|demande|cerfa|bulletin|bon[-_ ]de[-_ ]commande|coupon|fiche[-_ ]d|fiche[-_ ]de|inscription|attestation|mandat|declaration|candidature|imprime|convention|cheque)/;

const DOWNLOAD = phraseMatcher([
  'télécharger',
  'téléchargez',
  'téléchargement',
  'téléchargeable',
  'téléchargeables',
  'à imprimer',
  'imprimez',
  'imprimer',
  'PDF',
  'version papier à télécharger',
]);
const FORM_NOUN =
  /^(formulaire|formulaires|dossier|dossiers|cerfa|bulletin|bulletins|coupon|imprime|imprimes|bon|mandat|fiche)$/;
/** Documents that inform rather than ask: "téléchargez le règlement", "fiches circuits (PDF)". */
const NOT_A_FORM =
  /^(reglement|guide|calendrier|menu|menus|programme|magazine|plan|carte|schema|rapport|tarif|tarifs|liste|annuaire|circuit|circuits|topoguide|notice|compte|proces|deliberation|brochure|plaquette|depliant)$/;

export function detectDownloadableForm(page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  for (const block of contentBlocks(ctx.analysis.blocks)) {
    if (block.field === 'link' && block.link !== undefined) {
      const link = page.links[block.link];
      if (link === undefined || !DOCUMENT_FILE.test(link.href)) continue;
      const named = normalizeFrench(`${link.text} ${decodeURIComponent(link.href.split('/').at(-1) ?? '')}`);
      const isForm = FORM_WORD.test(named) && !NOT_A_FORM.test(named.split(/[^a-z0-9]+/)[0] ?? '');
      if (isForm) {
        signals.push({
          kind: 'download_form',
          detector: DOWNLOADABLE_FORM,
          strength: 0.8,
          phrase: link.text || link.href,
          location: { block: block.index },
        });
      }
      continue;
    }
    const pair = nearPair(
      block,
      spans(DOWNLOAD, block.tokens),
      positions(block.tokens, FORM_NOUN),
      10,
      positions(block.tokens, NOT_A_FORM),
    );
    if (pair !== null) {
      signals.push({
        kind: 'download_form',
        detector: DOWNLOADABLE_FORM,
        strength: 0.7,
        phrase: pair.phrase,
        location: { block: block.index, span: pair.span },
      });
    }
  }
  return signals;
}
