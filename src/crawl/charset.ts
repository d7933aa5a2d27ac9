/**
 * Turns a response body into text. Order of authority, as browsers do: byte order mark,
 * Content-Type charset, <meta> in the first bytes; then UTF-8 if the bytes are valid UTF-8,
 * otherwise windows-1252 (many French sites still serve ISO-8859-1 without saying so).
 */
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** Canonical lowercase name of the charset used, e.g. "utf-8", "windows-1252". */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'meta' | 'sniffed' | 'fallback';
}

/** How far into the body a <meta charset> is looked for. */
const META_WINDOW = 2048;

/** Labels browsers treat as another encoding (WHATWG Encoding Standard). */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso-8859-1:1987': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  iso8859_15: 'iso-8859-15',
  latin9: 'iso-8859-15',
  'utf-16': 'utf-16le',
};

/** A charset label as a canonical name iconv-lite can decode, or null when unknown. */
export function canonicalCharset(label: string): string | null {
  const cleaned = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (cleaned === '') return null;
  const name = ALIASES[cleaned] ?? cleaned;
  return iconv.encodingExists(name) ? name : null;
}

function fromBom(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  return null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] === undefined ? null : canonicalCharset(match[2]);
}

/** <meta charset="x"> or <meta http-equiv="Content-Type" content="…; charset=x"> near the start. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_WINDOW)).toString(
    'latin1',
  );
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct?.[1] !== undefined) {
      const found = canonicalCharset(direct[1]);
      // A page that claims UTF-16 in ASCII-compatible bytes is really UTF-8 (HTML spec).
      if (found !== null) return found.startsWith('utf-16') ? 'utf-8' : found;
    }
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}

export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): DecodedBody {
  const bom = fromBom(bytes);
  if (bom !== null)
    return { text: decodeWith(bytes.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };
  const header = charsetFromContentType(contentType);
  if (header !== null) return { text: decodeWith(bytes, header), charset: header, source: 'header' };
  const meta = charsetFromMeta(bytes);
  if (meta !== null) return { text: decodeWith(bytes, meta), charset: meta, source: 'meta' };
  if (isValidUtf8(bytes)) return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8', source: 'sniffed' };
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}
