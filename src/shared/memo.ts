/**
 * A pure function of a short string, remembered. The pages of a site repeat their menus,
 * footers and links, so most calls during a crawl ask again for a value already computed.
 *
 * Memory is bounded: beyond `limit` entries everything is forgotten at once (cheaper than
 * least-recently-used bookkeeping on every hit), and texts longer than `maxLength` are not
 * remembered. Keys are copied when stored: a text sliced from a page's HTML would otherwise
 * keep the whole page alive for as long as the entry lives.
 */
export function memoizeText<R>(
  compute: (text: string) => R,
  options: { limit: number; maxLength: number },
): (text: string) => R {
  const known = new Map<string, R>();
  return (text) => {
    if (text.length > options.maxLength) return compute(text);
    const found = known.get(text);
    if (found !== undefined || known.has(text)) return found as R;
    const value = compute(text);
    if (known.size >= options.limit) known.clear();
    known.set(copyOf(text), value);
    return value;
  };
}

/** A string with storage of its own (not a slice or a concatenation of others). */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
