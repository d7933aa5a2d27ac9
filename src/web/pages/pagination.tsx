import { formatInteger } from '../../shared/french-typography.ts';

/** The page numbers shown: first, last, and two either side of the current one; null is a gap. */
export function pageWindow(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of shown) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && n > previous + 1) out.push(null);
    out.push(n);
  }
  return out;
}

/** GOV.UK pagination with links only (no script); nothing when everything fits on one page. */
export function Pagination({
  current,
  pages,
  href,
}: {
  current: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="govuk-pagination" aria-label="Pagination">
      {current > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(current - 1)} rel="prev">
            <span class="govuk-pagination__link-title">
              Précédente<span class="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {pageWindow(current, pages).map((n) =>
          n === null ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipses">⋯</li>
          ) : n === current ? (
            <li class="govuk-pagination__item govuk-pagination__item--current">
              <a
                class="govuk-link govuk-pagination__link"
                href={href(n)}
                aria-label={`Page ${n}`}
                aria-current="page"
              >
                {formatInteger(n)}
              </a>
            </li>
          ) : (
            <li class="govuk-pagination__item">
              <a class="govuk-link govuk-pagination__link" href={href(n)} aria-label={`Page ${n}`}>
                {formatInteger(n)}
              </a>
            </li>
          ),
        )}
      </ul>
      {current < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(current + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              Suivante<span class="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
