import type { AuthorityKind, EditionRow } from '../../db/schema.ts';
import { frenchTypography } from '../../shared/french-typography.ts';
import { KIND_PLURALS } from '../pages/authority-scorecard.tsx';
import { kindSlug } from '../routes/kind-slugs.ts';

/** Links to the same page for each kind of authority with indicators; plain links, no script. */
export function KindSwitch({
  path,
  kinds,
  current,
}: {
  path: string;
  kinds: readonly AuthorityKind[];
  current: AuthorityKind | undefined;
}) {
  if (kinds.length < 2) return null;
  return (
    <nav class="bm-kind-switch" aria-label="Type de collectivité">
      <ul class="govuk-list bm-inline-list">
        {kinds.map((kind) => {
          const label = KIND_PLURALS[kind].charAt(0).toUpperCase() + KIND_PLURALS[kind].slice(1);
          return (
            <li>
              {kind === current ? (
                <strong aria-current="page">{label}</strong>
              ) : (
                <a class="govuk-link" href={`${path}?type=${kindSlug(kind)}`}>
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Said instead of figures until `barometre indicators compute` has run for the edition. */
export function NotComputed({ edition }: { edition: EditionRow | undefined }) {
  if (!edition) return null;
  return (
    <div class="govuk-inset-text">
      {frenchTypography(
        `Les indicateurs de l’édition ${edition.year} ne sont pas encore calculés : les chiffres apparaîtront ici une fois le calcul fait.`,
      )}
    </div>
  );
}
