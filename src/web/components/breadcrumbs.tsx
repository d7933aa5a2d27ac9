export interface Crumb {
  href: string;
  label: string;
}

/** The trail of pages above this one; the current page is the page's h1, not a crumb. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  if (items.length === 0) return null;
  return (
    <nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane">
      <ol class="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={item.href}>
              {item.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
