/**
 * The two things the crawler itself reads in a page, before and beside extraction: whether an
 * untyped body is HTML, and a <meta http-equiv="refresh"> redirect (many town homepages are a
 * one-line refresh to "/fr/" or to the real site).
 */

const HTML_START =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|a|script)\b/i;

/** Whether a body without Content-Type looks like HTML (first 1 KB). */
export function looksLikeHtml(body: Uint8Array): boolean {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 1024))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  return HTML_START.test(head);
}

/** How far into the page a refresh is looked for: it belongs in <head>. */
const REFRESH_WINDOW = 8192;

/** Target of a <meta http-equiv="refresh" content="N; url=…">, resolved against the page URL. */
export function metaRefreshTarget(html: string, pageUrl: string): string | null {
  const head = html.slice(0, REFRESH_WINDOW);
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?\s*refresh/i.test(tag)) continue;
    const content = /content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = content?.[1] ?? content?.[2] ?? content?.[3] ?? '';
    const target = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.+?)\1\s*$/i.exec(value)?.[2];
    if (target === undefined || /^[\d.]+$/.test(target)) continue;
    try {
      return new URL(target, pageUrl).href;
    } catch {
      return null;
    }
  }
  return null;
}
