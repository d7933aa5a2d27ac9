/**
 * sitemap.xml and sitemap indexes (sitemaps.org), read with htmlparser2 in XML mode. Only the
 * <loc> of each <url> or <sitemap> matters to us; the number of URLs and files is bounded.
 */
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

export interface ParsedSitemap {
  kind: 'urlset' | 'index' | 'text' | 'unknown';
  /** Page URLs (urlset, text) or child sitemap URLs (index). */
  locs: string[];
  /** More <loc> than `maxLocs` were present. */
  truncated: boolean;
}

function localName(name: string): string {
  return (name.split(':').pop() ?? name).toLowerCase();
}

export function parseSitemap(xml: string, maxLocs: number): ParsedSitemap {
  const trimmed = xml.trimStart();
  if (trimmed !== '' && !trimmed.startsWith('<')) {
    // Plain-text sitemaps: one URL per line.
    const lines = trimmed
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => /^https?:\/\//i.test(line));
    return { kind: 'text', locs: lines.slice(0, maxLocs), truncated: lines.length > maxLocs };
  }
  let kind: ParsedSitemap['kind'] = 'unknown';
  const locs: string[] = [];
  let truncated = false;
  let depth = 0;
  /** Depth of the open <url>/<sitemap>; only a <loc> right under it counts (not <image:loc>). */
  let entryDepth = -1;
  let inLoc = false;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name) {
        depth += 1;
        const tag = localName(name);
        if (kind === 'unknown' && tag === 'urlset') kind = 'urlset';
        else if (kind === 'unknown' && tag === 'sitemapindex') kind = 'index';
        else if (tag === 'url' || tag === 'sitemap') entryDepth = depth;
        else if (tag === 'loc' && entryDepth >= 0 && depth === entryDepth + 1) {
          inLoc = true;
          text = '';
        }
      },
      ontext(data) {
        if (inLoc) text += data;
      },
      onclosetag(name) {
        const tag = localName(name);
        if (tag === 'loc' && inLoc) {
          inLoc = false;
          const loc = text.trim();
          if (loc !== '') {
            if (locs.length < maxLocs) locs.push(loc);
            else truncated = true;
          }
        } else if ((tag === 'url' || tag === 'sitemap') && depth === entryDepth) entryDepth = -1;
        depth -= 1;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return { kind, locs, truncated };
}

/** Text of a sitemap body, gunzipped when it is a .xml.gz served without Content-Encoding. */
export function sitemapText(body: Buffer, maxBytes: number): string | null {
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      return gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf-8');
    } catch {
      return null;
    }
  }
  return body.toString('utf-8');
}

export interface CollectSitemapOptions {
  /** Sitemaps to start from (robots.txt ones, or /sitemap.xml). */
  sitemapUrls: string[];
  /** Returns the text of a sitemap, or null when it cannot be had. */
  fetchText: (url: string) => Promise<string | null>;
  maxUrls: number;
  /** Sitemap files read at most, indexes included. */
  maxFiles?: number;
}

/** Page URLs listed by the sitemaps, following indexes breadth-first, within the bounds. */
export async function collectSitemapUrls(options: CollectSitemapOptions): Promise<string[]> {
  const maxFiles = options.maxFiles ?? 10;
  const queue = [...new Set(options.sitemapUrls)];
  const visited = new Set<string>();
  const urls = new Set<string>();
  while (queue.length > 0 && visited.size < maxFiles && urls.size < options.maxUrls) {
    const next = queue.shift() as string;
    if (visited.has(next)) continue;
    visited.add(next);
    const text = await options.fetchText(next);
    if (text === null) continue;
    const parsed = parseSitemap(text, options.maxUrls);
    if (parsed.kind === 'index') {
      for (const loc of parsed.locs) if (!visited.has(loc)) queue.push(loc);
      continue;
    }
    for (const loc of parsed.locs) {
      if (urls.size >= options.maxUrls) break;
      urls.add(loc);
    }
  }
  return [...urls];
}
