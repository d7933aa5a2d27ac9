import type { Rng } from './random.ts';
import type { CmsStyle } from './site-profile.ts';

/**
 * URL shapes of the four CMS families, so that a detector cannot rely on one: readable Drupal
 * paths, WordPress dates and trailing slashes, Jalios `jcms/p_123/fr/…` ids, legacy `index.php?id=`.
 */

export type Section = 'news' | 'agenda' | 'jobs' | 'minutes' | 'services';

const SECTION_SLUGS: Record<CmsStyle, Record<Section, string>> = {
  drupal: {
    news: 'actualites',
    agenda: 'agenda',
    jobs: 'offres-emploi',
    minutes: 'deliberations',
    services: 'demarches',
  },
  wordpress: {
    news: 'actualites',
    agenda: 'evenement',
    jobs: 'offre',
    minutes: 'seance',
    services: 'demarches',
  },
  jcms: {
    news: 'actualites',
    agenda: 'agenda',
    jobs: 'recrutement',
    minutes: 'deliberations',
    services: 'demarches',
  },
  legacy: { news: 'actus', agenda: 'agenda', jobs: 'emploi', minutes: 'conseil', services: 'services' },
};

const PORTAL_SLUGS = {
  accessibility: ['accessibilite', 'declaration-accessibilite', 'declaration-d-accessibilite'],
  legal: ['mentions-legales', 'informations-legales'],
  contact: ['contact', 'nous-contacter', 'contactez-nous'],
  sitemap: ['plan-du-site', 'plan-site'],
  privacy: ['donnees-personnelles', 'politique-de-confidentialite', 'vie-privee'],
} as const;

export class SitePaths {
  private readonly used = new Set<string>();
  private nextId: number;

  constructor(
    readonly style: CmsStyle,
    private readonly rng: Rng,
  ) {
    this.nextId = rng.int(10_000, 90_000);
  }

  /** Reserves a path, suffixing "-2", "-3"… when taken. */
  claim(path: string): string {
    let candidate = path;
    for (let suffix = 2; this.used.has(candidate); suffix++) {
      candidate = path.endsWith('/')
        ? `${path.slice(0, -1)}-${suffix}/`
        : path.replace(/(\.html)?$/, `-${suffix}$1`);
    }
    this.used.add(candidate);
    return candidate;
  }

  /** Path of a page in a section ("news", "services"…) with a readable slug. */
  page(section: Section, slug: string, date?: { year: number; month: number; day: number }): string {
    const base = SECTION_SLUGS[this.style][section];
    switch (this.style) {
      case 'drupal':
        return this.claim(`/${base}/${slug}`);
      case 'wordpress':
        return this.claim(
          section === 'news' && date
            ? `/${date.year}/${pad(date.month)}/${pad(date.day)}/${slug}/`
            : section === 'services'
              ? `/${slug}/`
              : `/${base}/${slug}/`,
        );
      case 'jcms':
        return this.claim(`/jcms/p_${this.id()}/fr/${slug}`);
      case 'legacy':
        return this.rng.chance(0.5)
          ? this.claim(`/index.php?id=${this.id()}`)
          : this.claim(`/${base}/${slug}.html`);
    }
  }

  /** Index page of a section or a theme. */
  index(slug: string): string {
    switch (this.style) {
      case 'drupal':
        return this.claim(`/${slug}`);
      case 'wordpress':
        return this.claim(`/${slug}/`);
      case 'jcms':
        return this.claim(`/jcms/c_${this.id()}/fr/${slug}`);
      case 'legacy':
        return this.claim(`/${slug}/index.html`);
    }
  }

  portal(kind: keyof typeof PORTAL_SLUGS): string {
    return this.index(this.rng.pick(PORTAL_SLUGS[kind]));
  }

  pdf(file: string, date: { year: number; month: number }): string {
    switch (this.style) {
      case 'drupal':
        return this.claim(`/sites/default/files/${date.year}-${pad(date.month)}/${file}.pdf`);
      case 'wordpress':
        return this.claim(`/wp-content/uploads/${date.year}/${pad(date.month)}/${file}.pdf`);
      case 'jcms':
        return this.claim(`/upload/docs/application/pdf/${date.year}-${pad(date.month)}/${file}.pdf`);
      case 'legacy':
        return this.claim(`/fileadmin/documents/${file.replace(/-/g, '_')}.pdf`);
    }
  }

  /** Search: form action, name of the query field. */
  search(): { action: string; field: string } {
    switch (this.style) {
      case 'drupal':
        return { action: '/recherche', field: 'keys' };
      case 'wordpress':
        return { action: '/', field: 's' };
      case 'jcms':
        return { action: '/jcms/recherche', field: 'text' };
      case 'legacy':
        return { action: '/recherche.php', field: 'q' };
    }
  }

  private id(): number {
    this.nextId += this.rng.int(1, 40);
    return this.nextId;
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
