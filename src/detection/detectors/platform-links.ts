import type { DetectionContext, Signal, SignalKind } from '../detection.types.ts';
import type { PageContent } from '../page.ts';
import type { Platform } from '../platforms.ts';

/**
 * Known platforms (data/platforms/platforms.yaml) the page links to, embeds, posts a form to,
 * is hosted on, or names in its text ("sur Démarches simplifiées", "sur caf.fr"). An e-service
 * platform means the service is offered online; a national service or other third party means
 * the démarche happens elsewhere.
 */

export const PLATFORM_LINKS = 'platform-links';

const DOMAIN_IN_TEXT = /\b((?:[a-z0-9-]+\.)+(?:gouv\.fr|fr|com|net|org|bzh|eu))\b/g;

function kindOf(platform: Platform): SignalKind {
  return platform.kind === 'national_service' || platform.kind === 'third_party' ? 'third_party' : 'platform';
}

export function detectPlatformLinks(page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  const push = (platform: Platform, strength: number, phrase: string, location: Signal['location']) => {
    signals.push({
      kind: kindOf(platform),
      detector: PLATFORM_LINKS,
      strength,
      phrase,
      platform: platform.key,
      location,
    });
  };

  // A page the crawler fetched on the platform itself.
  const host = ctx.platforms.match(page.url);
  if (host !== null) push(host, 0.9, page.url, {});

  for (const block of ctx.analysis.blocks) {
    if (block.field === 'link' && block.link !== undefined) {
      const link = page.links[block.link];
      const platform = link === undefined ? null : ctx.platforms.match(link.href);
      if (platform && link) push(platform, 0.9, link.href, { block: block.index });
      continue;
    }
    if (block.field === 'url') continue;
    for (const match of ctx.platformNames.match(block.tokens)) {
      push(match.value, 0.7, match.phrase, { block: block.index });
    }
    for (const domain of block.text.toLowerCase().matchAll(DOMAIN_IN_TEXT)) {
      const platform = ctx.platforms.match(`https://${domain[1]}/`);
      if (platform) push(platform, 0.8, domain[1] ?? '', { block: block.index });
    }
  }

  for (const form of page.forms) {
    if (form.action === null || form.section === undefined) continue;
    const platform = ctx.platforms.match(form.action);
    if (platform) push(platform, 0.9, form.action, { section: form.section });
  }

  for (const resource of page.resources) {
    const platform = ctx.platforms.match(resource);
    if (platform && platform.kind !== 'third_party') push(platform, 0.8, resource, {});
  }
  // Header and footer links are the site's, not this page's: they speak for no service.
  for (const platform of ctx.platforms.fingerprints([
    ...page.resources,
    ...page.links.filter((link) => !link.boilerplate).map((link) => link.href),
  ])) {
    push(platform, 0.8, platform.name, {});
  }
  return signals;
}
