/** Sections of the site in the main navigation; indicator pages add theirs when they are wired. */
export interface NavItem {
  href: string;
  label: string;
}

export const BASE_NAVIGATION: readonly NavItem[] = [
  { href: '/', label: 'Accueil' },
  { href: '/classements', label: 'Classements' },
  { href: '/recherche', label: 'Rechercher une collectivité' },
  { href: '/thematiques', label: 'Thématiques' },
  { href: '/analyses', label: 'Analyses' },
  { href: '/initiatives', label: 'Initiatives' },
  { href: '/methodologie', label: 'Méthodologie' },
  { href: '/donnees', label: 'Données ouvertes' },
  { href: '/api', label: 'API' },
];

/** The item a path belongs to: the longest href that prefixes it ("/" only for the home page). */
export function currentNavItem(items: readonly NavItem[], path: string): NavItem | undefined {
  return [...items]
    .filter((item) =>
      item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`),
    )
    .sort((a, b) => b.href.length - a.href.length)[0];
}
