/**
 * A one-dimensional PostgreSQL array literal of numbers, texts and nulls, from JSON: a JSON
 * array's elements are the literal's, since both quote strings with a backslash before `"` and
 * `\\`, and an unquoted `null` is NULL. V8 writes it in one native call, where node-postgres
 * formats arrays element by element (1.8 s of CPU for a national edition's indicators, whose
 * largest column is 23 MB of JSON texts). JSON writes control characters as escapes that the
 * array syntax does not read: a text holding one is refused rather than altered (the texts
 * written this way — kinds, statuses, JSON — never do). NaN and infinities, which JSON writes
 * as null, are refused too.
 */
export function postgresArrayLiteral(values: readonly (string | number | null)[]): string {
  for (const value of values) {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError(`Nombre non fini : ${value}`);
  }
  const json = JSON.stringify(values);
  if (CONTROL_ESCAPE.test(json))
    throw new RangeError('Texte avec caractère de contrôle : non stockable en tableau');
  return `{${json.slice(1, -1)}}`;
}
/** A JSON escape of a control character (\b \f \n \r \t \u00XX), not preceded by an escaped backslash. */
const CONTROL_ESCAPE = /(?<!\\)(?:\\\\)*\\[bfnrtu]/;
