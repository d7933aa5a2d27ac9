import { AUTHORITY_KINDS, type AuthorityKind } from '../../db/schema.ts';

/** Kinds in URLs: French, hyphenated ("collectivite-unique"), stable. */
export const kindSlug = (kind: AuthorityKind): string => kind.replace('_', '-');

export function kindFromSlug(slug: string): AuthorityKind | undefined {
  return AUTHORITY_KINDS.find((kind) => kindSlug(kind) === slug);
}

export const authorityPath = (authority: { kind: AuthorityKind; code: string }): string =>
  `/collectivites/${kindSlug(authority.kind)}/${encodeURIComponent(authority.code)}`;
