import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Known e-service platforms and third parties (data/platforms/platforms.yaml): the crawler
 * follows links into them one level deep, detectors read them as signals of a service's level.
 */

export const PLATFORM_KINDS = [
  'eservice',
  'payment',
  'appointment',
  'urbanism',
  'family_portal',
  'library',
  'national_service',
  'third_party',
] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const platformSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  kind: z.enum(PLATFORM_KINDS),
  /** Domain suffixes: "operis.fr" matches "gnau13.operis.fr". */
  hosts: z.array(z.string().regex(HOST_PATTERN)),
  /** First label of a host, trailing digits ignored: "demarches" matches "demarches.ville-x.fr". */
  host_labels: z.array(z.string().regex(LABEL_PATTERN)).optional(),
  /** Names under which pages cite the platform in prose ("Démarches simplifiées", "caf.fr"). */
  names: z.array(z.string().min(2)).optional(),
  /** Strings found in the URLs of a page's scripts, frames or links when it embeds the platform. */
  html_fingerprints: z.array(z.string().min(3)).optional(),
  /** A request made on the platform is followed online up to its answer. */
  tracking: z.boolean().optional(),
});

const platformsFileSchema = z.strictObject({ platforms: z.array(platformSchema).min(1) });

export type Platform = z.infer<typeof platformSchema>;

export function defaultPlatformsFile(): string {
  return fileURLToPath(new URL('../../data/platforms/platforms.yaml', import.meta.url));
}

export interface PlatformIndex {
  platforms: readonly Platform[];
  byKey: ReadonlyMap<string, Platform>;
  /** The platform of a URL: longest matching host suffix first, then the host's first label. */
  match(url: string): Platform | null;
  /** Platforms whose fingerprint occurs in one of the given URLs. */
  fingerprints(urls: readonly string[]): Platform[];
}

/** Parses and checks a platforms file's text; throws on an invalid or inconsistent file. */
export function parsePlatforms(text: string, source = 'platforms.yaml'): PlatformIndex {
  const parsed = platformsFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${source} invalide : ${issues.join(' ; ')}`);
  }
  return indexPlatforms(parsed.data.platforms, source);
}

function indexPlatforms(platforms: Platform[], source: string): PlatformIndex {
  const byKey = new Map<string, Platform>();
  const bySuffix = new Map<string, Platform>();
  const byLabel = new Map<string, Platform>();
  const withFingerprints: Platform[] = [];
  for (const platform of platforms) {
    if (byKey.has(platform.key)) throw new Error(`${source} : clé « ${platform.key} » en double`);
    byKey.set(platform.key, platform);
    for (const host of platform.hosts) {
      if (bySuffix.has(host)) throw new Error(`${source} : domaine « ${host} » déclaré deux fois`);
      bySuffix.set(host, platform);
    }
    for (const label of platform.host_labels ?? []) {
      if (byLabel.has(label)) throw new Error(`${source} : préfixe « ${label} » déclaré deux fois`);
      byLabel.set(label, platform);
    }
    if (platform.html_fingerprints?.length) withFingerprints.push(platform);
  }

  const matchHost = (host: string): Platform | null => {
    const lower = host.toLowerCase().replace(/\.$/, '');
    let dot = -1;
    // "a.b.operis.fr" → "a.b.operis.fr", "b.operis.fr", "operis.fr", "fr": longest first.
    do {
      const suffix = lower.slice(dot + 1);
      const found = bySuffix.get(suffix);
      if (found !== undefined) return found;
      dot = lower.indexOf('.', dot + 1);
    } while (dot !== -1);
    const labels = lower.split('.');
    // A first label only counts on a real subdomain ("demarches.ville.fr", not "demarches.fr").
    if (labels.length >= 3) {
      const first = (labels[0] ?? '').replace(/\d+$/, '');
      const found = byLabel.get(first);
      if (found !== undefined) return found;
    }
    return null;
  };

  return {
    platforms,
    byKey,
    match(url) {
      let host: string;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
        host = parsed.hostname;
      } catch {
        return null;
      }
      return matchHost(host);
    },
    fingerprints(urls) {
      const found: Platform[] = [];
      for (const platform of withFingerprints) {
        const prints = platform.html_fingerprints ?? [];
        if (urls.some((url) => prints.some((print) => url.includes(print)))) found.push(platform);
      }
      return found;
    },
  };
}

let cached: PlatformIndex | undefined;

/** The shipped platforms, read once (sync: the crawler calls matchPlatform on every link). */
export function loadPlatforms(): PlatformIndex {
  if (cached === undefined) {
    const file = defaultPlatformsFile();
    cached = parsePlatforms(readFileSync(file, 'utf8'), 'data/platforms/platforms.yaml');
  }
  return cached;
}

/** The known platform a URL belongs to, or null. */
export function matchPlatform(url: string): Platform | null {
  return loadPlatforms().match(url);
}
