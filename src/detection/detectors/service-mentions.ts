import { tokenizeFrench } from '../../shared/french-text.ts';
import type { DetectionContext, PageBlock, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Referential phrases in the title, headings, lines of text and main-content links. Where a
 * phrase stands says how much the page is about the service: a title or h1 much more than a
 * line of text, a list of many services (menu, index, competences) hardly at all.
 */

export const SERVICE_MENTIONS = 'service-mentions';

const STRENGTH = {
  title: 0.55,
  h1: 0.5,
  heading: 0.35,
  /** A line that opens with the service, as a definition list or a plain-text heading does. */
  leadingLine: 0.35,
  line: 0.2,
  link: 0.1,
  /** A line that is mostly names of three services or more: a menu, an index, a list of competences. */
  listLine: 0.04,
} as const;

/** Share of a line's words that name services, above which a line naming three services is a list. */
const LIST_COVERAGE = 0.3;

/** A longer text before a colon is a sentence, not a label naming services. */
const MAX_LABEL_WORDS = 8;

/** Words before the ":" (or dash) of a "label : text" line, 0 when the line is not one. */
function labelLength(block: PageBlock): number {
  const label = /^([^.:]{1,120}?)(?: ?:| –| - )/.exec(block.text)?.[1];
  return label === undefined ? 0 : tokenizeFrench(label).length;
}

function strengthOf(block: PageBlock, start: number, isList: boolean, label: number): number {
  switch (block.field) {
    case 'title':
      return STRENGTH.title;
    case 'heading':
      if (isList) return STRENGTH.listLine;
      return block.headingLevel === 1 ? STRENGTH.h1 : STRENGTH.heading;
    case 'link':
      return STRENGTH.link;
    default: {
      if (isList) return STRENGTH.listLine;
      // "Acte de naissance : demande en ligne…" — the service opens the line.
      // "Acte de naissance, acte de mariage : demande en ligne…" — the services label the line.
      const leads = label > 0 && (start <= 1 || (start < label && label <= MAX_LABEL_WORDS));
      return leads ? STRENGTH.leadingLine : STRENGTH.line;
    }
  }
}

export function detectServiceMentions(_page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  for (const block of ctx.analysis.blocks) {
    if (block.field === 'url') continue;
    const matches = ctx.phraseMatcher.match(block.tokens);
    if (matches.length === 0) continue;
    // One signal per service and place in the block; a phrase inside a longer one of the same service is dropped.
    const best = new Map<string, Array<{ phrase: string; start: number; length: number }>>();
    for (const match of matches) {
      const found = best.get(match.value.service) ?? [];
      const length = match.end - match.start;
      const overlapping = found.findIndex(
        (known) => match.start < known.start + known.length && known.start < match.end,
      );
      if (overlapping === -1) found.push({ phrase: match.phrase, start: match.start, length });
      else if (length > (found[overlapping]?.length ?? 0))
        found[overlapping] = { phrase: match.phrase, start: match.start, length };
      best.set(match.value.service, found);
    }
    const covered = new Set<number>();
    for (const match of matches) for (let index = match.start; index < match.end; index++) covered.add(index);
    const separators = block.text.match(/[·|•]/g)?.length ?? 0;
    const isList = best.size >= 3 && (covered.size >= LIST_COVERAGE * block.tokens.length || separators >= 2);
    const label = block.field === 'line' ? labelLength(block) : 0;
    for (const [service, found] of best) {
      for (const { phrase, start, length } of found) {
        signals.push({
          kind: 'service_mention',
          detector: SERVICE_MENTIONS,
          strength: strengthOf(block, start, isList, label),
          phrase,
          serviceKey: service,
          location: { block: block.index, span: [start, start + length] },
        });
      }
    }
  }
  return signals;
}
