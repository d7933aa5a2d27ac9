import type { ContentContext, DatedPage } from './content-pages.ts';
import type { NavLink } from './layout.ts';
import type { ServicePlacement } from './service-pages.ts';
import { dateFr, escapeHtml } from './text.ts';
import { FARM_TRACKERS } from './trackers.ts';

/**
 * Pages that list others: home, theme pages, the démarches index, section lists with their
 * pagination, the HTML site map. They name many services at once: hard negatives for detection.
 */

export const PAGE_SIZE = 10;

export function renderHome(
  ctx: ContentContext,
  sections: {
    news: DatedPage[];
    events: DatedPage[];
    newsList: string;
    agendaList: string;
    extraLinks: NavLink[];
  },
): void {
  const { rng, layout, profile } = ctx;
  const quick = rng.sample(ctx.placements, rng.int(6, 12));
  const quickLinks = quick
    .map((placement) => `<li>${layout.a(placement.path, quickLabel(ctx, placement))}</li>`)
    .join('');
  const news = sections.news
    .slice(0, 4)
    .map(
      (page) =>
        `<li>${layout.a(page.path, page.title)} <span class="date">${dateFr(page.date.year, page.date.month, page.date.day)}</span></li>`,
    )
    .join('');
  const events = sections.events
    .slice(0, 3)
    .map((page) => `<li>${layout.a(page.path, page.title)}</li>`)
    .join('');
  const video = profile.trackers.includes('youtube')
    ? `<iframe title="Présentation du territoire" src="${FARM_TRACKERS.youtube.src.replace('{id}', profile.trackerId.toLowerCase())}" width="560" height="315"></iframe>`
    : '';
  const extra = sections.extraLinks.map((link) => `<li>${layout.a(link.href, link.label)}</li>`).join('');
  const main =
    `${rng.chance(0.7) ? `<h1>${escapeHtml(profile.name)}</h1>` : ''}` +
    `<section class="acces-rapides"><h2>${escapeHtml(profile.vocabulary.quickLinks)}</h2><ul>${quickLinks}</ul></section>` +
    `<section class="actualites"><h2>${escapeHtml(profile.vocabulary.news)}</h2><ul>${news}</ul>${layout.a(sections.newsList, 'Toutes les actualités')}</section>` +
    `<section class="agenda"><h2>${escapeHtml(profile.vocabulary.agenda)}</h2><ul>${events}</ul>${layout.a(sections.agendaList, 'Tout l’agenda')}</section>` +
    `${video}${extra === '' ? '' : `<section class="pratique"><h2>Pratique</h2><ul>${extra}</ul></section>`}`;
  ctx.add(profile.mainHost, profile.homePath, layout.page('Accueil', main));
}

function quickLabel(ctx: ContentContext, placement: ServicePlacement): string {
  return ctx.rng.chance(0.7)
    ? placement.service.name
    : (placement.service.phrases[0] ?? placement.service.name);
}

/** A theme page: every service of the theme, named and summarised. */
export function renderThemePage(
  ctx: ContentContext,
  path: string,
  themeName: string,
  description: string,
): void {
  const { layout } = ctx;
  const items = ctx.placements
    .filter((placement) => placement.themeName === themeName)
    .map(
      (placement) =>
        `<li>${layout.a(placement.path, placement.service.name)} - ${escapeHtml(firstSentence(placement.service.description))}</li>`,
    )
    .join('');
  ctx.add(
    ctx.profile.mainHost,
    path,
    layout.page(
      themeName,
      `<h1>${escapeHtml(themeName)}</h1><p>${escapeHtml(description)}</p><ul class="services">${items}</ul>`,
    ),
  );
}

/** All démarches by theme; on some sites a badge marks those done online. */
export function renderDemarchesIndex(ctx: ContentContext, path: string, themes: readonly NavLink[]): void {
  const { rng, layout, profile } = ctx;
  const badge = rng.chance(0.5);
  const groups = themes
    .map((theme) => {
      const items = ctx.placements
        .filter((placement) => placement.themeName === theme.label)
        .map((placement) => {
          const online =
            badge && placement.level >= 3 && placement.channel !== 'third-party'
              ? ' <span class="badge">En ligne</span>'
              : '';
          return `<li>${layout.a(placement.path, placement.service.name)}${online}</li>`;
        })
        .join('');
      return items === '' ? '' : `<h2>${layout.a(theme.href, theme.label)}</h2><ul>${items}</ul>`;
    })
    .join('');
  ctx.add(
    profile.mainHost,
    path,
    layout.page(
      profile.vocabulary.demarches,
      `<h1>${escapeHtml(profile.vocabulary.demarches)}</h1>${groups}`,
    ),
  );
}

/**
 * A paginated list: page 1 at `path`, pages 2…n at `path?page=k`, all static. Whether the last
 * page links further (the endless pagination trap) is decided by the dynamic handler.
 */
export function renderList(
  ctx: ContentContext,
  path: string,
  title: string,
  pages: readonly DatedPage[],
  options: { intro?: string; endless: boolean; extra?: string },
): void {
  const { layout, profile } = ctx;
  const pageCount = Math.max(1, Math.ceil(pages.length / PAGE_SIZE));
  for (let page = 1; page <= pageCount; page++) {
    const items = pages
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map(
        (item) =>
          `<li>${layout.a(item.path, item.title)} <span class="date">${dateFr(item.date.year, item.date.month, item.date.day)}</span></li>`,
      )
      .join('');
    const next =
      page < pageCount || options.endless ? layout.a(`${path}?page=${page + 1}`, 'Page suivante') : '';
    const previous =
      page > 1 ? layout.a(page === 2 ? path : `${path}?page=${page - 1}`, 'Page précédente') : '';
    const main =
      `<h1>${escapeHtml(title)}</h1>${page === 1 ? (options.intro ?? '') : ''}<ul class="liste">${items}</ul>` +
      `<nav class="pager" aria-label="Pagination">${previous} ${next}</nav>${page === 1 ? (options.extra ?? '') : ''}`;
    ctx.add(
      profile.mainHost,
      page === 1 ? path : `${path}?page=${page}`,
      layout.page(page === 1 ? title : `${title} - page ${page}`, main),
    );
  }
}

/** "Plan du site": every index and service page. */
export function renderSitemapPage(ctx: ContentContext, path: string, links: readonly NavLink[]): void {
  const { layout, profile } = ctx;
  const items = [
    ...links,
    ...ctx.placements.map((placement) => ({ href: placement.path, label: placement.service.name })),
  ]
    .map((link) => `<li>${layout.a(link.href, link.label)}</li>`)
    .join('');
  ctx.add(profile.mainHost, path, layout.page('Plan du site', `<h1>Plan du site</h1><ul>${items}</ul>`));
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}
