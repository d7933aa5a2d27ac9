/**
 * A one-dimensional PostgreSQL array literal of numbers, texts and nulls, from JSON: a JSON
 * array's elements are the literal's, since both quote strings with a backslash before `"` and
 * `\\`, and an unquoted `null` is NULL. V8 writes it in one native call, where node-postgres
 * formats arrays element by element (1.8 s of CPU for a national edition's indicators, whose
 * largest column is 23 MB of JSON texts). What JSON would write in a way the array syntax does
 * not read back is refused rather than altered: control characters and lone surrogates (JSON
 * escapes them as \n, \u0001…), NaN and infinities (JSON writes null). The texts written this
 * way — kinds, statuses, JSON — never hold any.
 */
export function postgresArrayLiteral(values: readonly (string | number | null)[]): string {
  for (const value of values) {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError(`Nombre non fini : ${value}`);
    if (typeof value === 'string' && UNREADABLE.test(value))
      throw new RangeError(
        'Texte non stockable en tableau PostgreSQL : caractère de contrôle ou demi-paire UTF-16',
      );
  }
  return `{${JSON.stringify(values).slice(1, -1)}}`;
}

/** A control character, or half of a surrogate pair without its other half. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const UNREADABLE = /[\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
