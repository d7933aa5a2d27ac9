import type { AuthorityKind } from '../../db/schema.ts';
import { KIND_HEADINGS } from '../../indicators/findings/nouns.ts';

/** « Départements », « Communes »…: the findings' headings, so the report names kinds the same way. */
export function kindHeading(kind: AuthorityKind): string {
  return KIND_HEADINGS[kind];
}
