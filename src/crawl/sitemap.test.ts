import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectSitemapUrls, parseSitemap, sitemapText } from './sitemap.ts';

const urlset = (locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((loc) => `<url><loc> ${loc} </loc><lastmod>2026-01-01</lastmod></url>`).join('\n')}
</urlset>`;

const index = (locs: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

describe('parseSitemap', () => {
  it('reads the <loc> of a urlset, trimmed, entities decoded', () => {
    expect(
      parseSitemap(urlset(['https://www.ville.fr/a?x=1&amp;y=2', 'https://www.ville.fr/b']), 100),
    ).toEqual({
      kind: 'urlset',
      locs: ['https://www.ville.fr/a?x=1&y=2', 'https://www.ville.fr/b'],
      truncated: false,
    });
  });

  it('reads a sitemap index', () => {
    expect(parseSitemap(index(['https://www.ville.fr/s1.xml']), 100)).toMatchObject({
      kind: 'index',
      locs: ['https://www.ville.fr/s1.xml'],
    });
  });

  it('reads only the <loc> right under <url>, not <image:loc>', () => {
    const xml = `<urlset xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"><url><loc>https://v.fr/p</loc>
      <image:image><image:loc>https://v.fr/i.jpg</image:loc></image:image></url></urlset>`;
    expect(parseSitemap(xml, 100).locs).toEqual(['https://v.fr/p']);
  });

  it('handles a namespace prefix', () => {
    expect(
      parseSitemap('<sm:urlset><sm:url><sm:loc>https://v.fr/</sm:loc></sm:url></sm:urlset>', 10).locs,
    ).toEqual(['https://v.fr/']);
  });

  it('is bounded', () => {
    const parsed = parseSitemap(urlset(['https://v.fr/1', 'https://v.fr/2', 'https://v.fr/3']), 2);
    expect(parsed).toMatchObject({ locs: ['https://v.fr/1', 'https://v.fr/2'], truncated: true });
  });

  it('reads plain-text sitemaps', () => {
    expect(parseSitemap('https://v.fr/a\nhttps://v.fr/b\n', 10)).toMatchObject({
      kind: 'text',
      locs: ['https://v.fr/a', 'https://v.fr/b'],
    });
  });

  it('survives broken XML', () => {
    expect(parseSitemap('<urlset><url><loc>https://v.fr/a</loc></url><url><loc>', 10).locs).toEqual([
      'https://v.fr/a',
    ]);
  });
});

describe('sitemapText', () => {
  it('gunzips a .xml.gz body', () => {
    expect(sitemapText(gzipSync('<urlset/>'), 1000)).toBe('<urlset/>');
  });

  it('refuses a gzip body that inflates beyond the cap', () => {
    expect(sitemapText(gzipSync(Buffer.alloc(10_000)), 1000)).toBeNull();
  });
});

describe('collectSitemapUrls', () => {
  const files: Record<string, string> = {
    'https://v.fr/index.xml': index(['https://v.fr/s1.xml', 'https://v.fr/s2.xml', 'https://v.fr/index.xml']),
    'https://v.fr/s1.xml': urlset(['https://v.fr/a', 'https://v.fr/b']),
    'https://v.fr/s2.xml': urlset(['https://v.fr/b', 'https://v.fr/c']),
  };
  const fetched: string[] = [];
  const fetchText = async (url: string) => {
    fetched.push(url);
    return files[url] ?? null;
  };

  it('follows indexes, dedupes, and does not loop', async () => {
    fetched.length = 0;
    const urls = await collectSitemapUrls({
      sitemapUrls: ['https://v.fr/index.xml'],
      fetchText,
      maxUrls: 100,
    });
    expect(urls).toEqual(['https://v.fr/a', 'https://v.fr/b', 'https://v.fr/c']);
    expect(fetched).toEqual(['https://v.fr/index.xml', 'https://v.fr/s1.xml', 'https://v.fr/s2.xml']);
  });

  it('stops at maxUrls', async () => {
    const urls = await collectSitemapUrls({ sitemapUrls: ['https://v.fr/index.xml'], fetchText, maxUrls: 1 });
    expect(urls).toEqual(['https://v.fr/a']);
  });

  it('stops at maxFiles', async () => {
    fetched.length = 0;
    await collectSitemapUrls({
      sitemapUrls: ['https://v.fr/index.xml'],
      fetchText,
      maxUrls: 100,
      maxFiles: 2,
    });
    expect(fetched).toHaveLength(2);
  });

  it('skips sitemaps that cannot be fetched', async () => {
    const urls = await collectSitemapUrls({
      sitemapUrls: ['https://v.fr/absent.xml', 'https://v.fr/s1.xml'],
      fetchText,
      maxUrls: 100,
    });
    expect(urls).toEqual(['https://v.fr/a', 'https://v.fr/b']);
  });
});
