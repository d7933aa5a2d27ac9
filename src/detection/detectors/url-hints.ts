import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * The referential's url_hints in the page's own URL path (the last segment says most) and in
 * the addresses of main-content links (which ties a link such as « Faire la demande » to a
 * service).
 */

export const URL_HINTS = 'url-hints';

const MAX_HINT_WORDS = 6;

/** Services whose hints occur in a path segment, whole or as consecutive words. */
function hintsIn(
  segment: string,
  hints: ReadonlyMap<string, string[]>,
): Array<{ hint: string; whole: boolean; services: string[] }> {
  const words = segment.split(/[^a-z0-9]+/).filter((word) => word !== '');
  const found: Array<{ hint: string; whole: boolean; services: string[] }> = [];
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= Math.min(words.length, start + MAX_HINT_WORDS); end++) {
      const hint = words.slice(start, end).join('-');
      const services = hints.get(hint);
      if (services) found.push({ hint, whole: start === 0 && end === words.length, services });
    }
  }
  return found;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function linkPath(href: string): string | null {
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.pathname.toLowerCase().replace(/\.(s?html?|php|aspx?|pdf|docx?|odt)$/, '');
  } catch {
    return null;
  }
}

export function detectUrlHints(page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  const urlBlock = ctx.analysis.blocks.find((block) => block.field === 'url');
  const segments = segmentsOf(ctx.analysis.path);
  const strongest = new Map<string, { strength: number; hint: string }>();
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    for (const { hint, whole, services } of hintsIn(segment, ctx.urlHints)) {
      const strength = last ? (whole ? 0.4 : 0.3) : whole ? 0.12 : 0.06;
      for (const service of services) {
        const known = strongest.get(service);
        if (known === undefined || strength > known.strength) strongest.set(service, { strength, hint });
      }
    }
  });
  for (const [service, { strength, hint }] of strongest) {
    signals.push({
      kind: 'service_mention',
      detector: URL_HINTS,
      strength,
      phrase: hint,
      serviceKey: service,
      location: urlBlock === undefined ? {} : { block: urlBlock.index },
    });
  }

  for (const block of ctx.analysis.blocks) {
    if (block.field !== 'link' || block.link === undefined) continue;
    const href = page.links[block.link]?.href;
    const path = href === undefined ? null : linkPath(href);
    if (path === null) continue;
    const last = segmentsOf(path).at(-1);
    if (last === undefined) continue;
    const services = new Set<string>();
    for (const found of hintsIn(last, ctx.urlHints))
      for (const service of found.services) services.add(service);
    for (const service of services) {
      signals.push({
        kind: 'service_mention',
        detector: URL_HINTS,
        strength: 0.05,
        phrase: last,
        serviceKey: service,
        location: { block: block.index },
      });
    }
  }
  return signals;
}
