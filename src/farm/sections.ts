import type { ContentContext } from './content-pages.ts';
import type { DigitalisedLevel, ServiceChannel } from './farm.types.ts';
import { eservicesPage, legacyHostPage } from './second-hosts.ts';
import { accountBox, requestForm } from './service-constructs.ts';
import { escapeHtml } from './text.ts';

/**
 * Site sections that are also services of the referential (job offers of a département, the
 * contact page of a commune): their construct follows the service's level. Also the pages of
 * the second hosts.
 */

/** Service keys whose page is a section of the site, by kind of construct. */
export const SECTION_SERVICES = {
  jobs: ['recrutement-departement'],
  minutes: ['deliberations-departementales', 'conseil-municipal-communautaire'],
  contact: ['contact-mairie'],
} as const;

/** Channel that a section shows for a level. */
export function sectionChannel(level: DigitalisedLevel): ServiceChannel {
  return (['information', 'email', 'onsite-form', 'account-followup'] as const)[level - 1] ?? 'information';
}

/** How to apply to a job offer, by level of the recruitment service (level 3 without a service). */
export function applyConstruct(ctx: ContentContext, level: DigitalisedLevel, followUpHref: string): string {
  const { rng, profile } = ctx;
  switch (level) {
    case 1:
      return `<p>Adressez votre lettre de motivation et votre CV par courrier à : ${escapeHtml(profile.words.building)}, direction des ressources humaines.</p>`;
    case 2:
      return `<p>Envoyez votre candidature (CV et lettre de motivation) par courriel à <a href="mailto:recrutement@${ctx.domain}">recrutement@${ctx.domain}</a>.</p>`;
    case 3:
      return `<p>Postulez en ligne :</p>${requestForm(rng, '/candidature/envoi')}`;
    case 4:
      return `<p>Postulez en ligne depuis votre espace candidat et suivez l’avancement de votre candidature.</p>${accountBox(rng, followUpHref, ctx.platforms.url('franceconnect', '/'))}${requestForm(rng, '/candidature/envoi')}`;
  }
}

/** The e-services portal: its home (listing the démarches done there), account and follow-up pages. */
export function renderEservicesHost(
  ctx: ContentContext,
  host: string,
  links: readonly { href: string; label: string }[],
): void {
  const { profile, rng } = ctx;
  const items = links
    .map((link) => `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></li>`)
    .join('');
  ctx.add(
    host,
    '/',
    eservicesPage(
      profile,
      'Accueil',
      `<h1>Portail des démarches en ligne</h1><p>Faites vos démarches 24 h/24.</p><ul>${items}</ul>` +
        '<h2>Espace personnel</h2><p><a href="/mon-compte">Mon compte</a> - <a href="/mes-demandes">Suivre mes demandes</a></p>',
    ),
  );
  ctx.add(
    host,
    '/mon-compte',
    eservicesPage(
      profile,
      'Mon compte',
      `<h1>Mon compte</h1>${accountBox(rng, '/mes-demandes', ctx.platforms.url('franceconnect', '/'))}`,
    ),
  );
  ctx.add(
    host,
    '/mes-demandes',
    eservicesPage(
      profile,
      'Suivre mes demandes',
      '<h1>Suivre mes demandes</h1><p>Connectez-vous pour consulter l’état d’avancement de vos demandes.</p><p><a href="/mon-compte">Se connecter</a></p>',
    ),
  );
}

/** Old council archives left on www2, in ISO-8859-1. Returns the URLs of its pages. */
export function renderLegacyHost(ctx: ContentContext, host: string): string[] {
  const { rng, profile } = ctx;
  const years = Array.from({ length: rng.int(3, 6) }, (_, index) => 2010 + index);
  const index = years
    .map((year) => `<li><a href="/seances/${year}.html">Séances de l’année ${year}</a></li>`)
    .join('');
  ctx.add(
    host,
    '/',
    legacyHostPage(
      profile,
      'Archives',
      `<h1>Archives des séances</h1><p>Délibérations antérieures à l’ouverture du nouveau site.</p><ul>${index}</ul>`,
    ),
  );
  for (const year of years) {
    ctx.add(
      host,
      `/seances/${year}.html`,
      legacyHostPage(
        profile,
        `Séances ${year}`,
        `<h1>Séances de l’année ${year}</h1><p>Procès-verbaux des séances publiques de l’assemblée délibérante. Les délibérations sont consultables à l’accueil ${escapeHtml(profile.words.of)}.</p><p>Réunion du ${rng.int(1, 28)} février ${year} : approbation du budget, travaux de voirie, aides aux associations.</p>`,
      ),
    );
  }
  return ['/', ...years.map((year) => `/seances/${year}.html`)].map((path) => `http://${host}${path}`);
}
