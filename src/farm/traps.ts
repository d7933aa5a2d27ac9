import type { ContentContext, DatedPage } from './content-pages.ts';
import type { RedirectTruth } from './farm.types.ts';
import type { NavLink } from './layout.ts';
import type { FarmResponse } from './routes.ts';
import { escapeHtml, monthFr, shiftMonth } from './text.ts';

/**
 * What a crawler must survive: endless calendars and query strings, redirect chains and a loop,
 * failing and slow pages, broken links. Endless pages are answered on demand, deterministically.
 */

/** Extra delay of slow pages, and of the very slow ones (beyond usual request timeouts). */
export const SLOW_MS = 1_500;
export const VERY_SLOW_MS = 12_000;

export interface TrapSetup {
  /** Links to spread over news articles. */
  articleLinks: NavLink[];
  /** Links for the home page ("Pratique"). */
  homeLinks: NavLink[];
  redirectChains: RedirectTruth[];
  redirectLoop: string[] | null;
  serverErrors: string[];
  connectionResets: string[];
  brokenLinks: string[];
  calendarEntry: string;
  infiniteEntry: string;
  /** Answers the endless pages; undefined for anything else. */
  dynamic: (pathAndQuery: string) => FarmResponse | undefined;
}

export function setUpTraps(
  ctx: ContentContext,
  input: {
    newsList: string;
    newsPages: number;
    agendaList: string;
    events: readonly DatedPage[];
    search: { action: string; field: string };
    redirectTargets: readonly NavLink[];
  },
): TrapSetup {
  const { rng, layout, profile } = ctx;
  const host = profile.mainHost;
  const articleLinks: NavLink[] = [];
  const homeLinks: NavLink[] = [];

  const redirectChains: RedirectTruth[] = input.redirectTargets
    .slice(0, rng.int(1, 2))
    .map((target, index) => {
      const slug = target.href.split('/').filter(Boolean).at(-1)?.replace(/\W+/g, '-') ?? `page-${index}`;
      const first = ctx.paths.claim(`/fr/ancien/${slug}-${index}`);
      const second = ctx.paths.claim(`/ancien/${slug}-${index}`);
      const hops = rng.chance(0.5) ? 3 : 2;
      const third = hops === 3 ? ctx.paths.claim(`/redirection/${slug}-${index}`) : undefined;
      ctx.add(host, first, redirect(301, second));
      ctx.add(host, second, redirect(301, third ?? layout.url(target.href)));
      if (third !== undefined) ctx.add(host, third, redirect(301, layout.url(target.href)));
      articleLinks.push({ href: first, label: `${target.label} (ancienne adresse)` });
      return { from: layout.url(first), to: layout.url(target.href), hops };
    });

  let redirectLoop: string[] | null = null;
  if (profile.redirectLoop) {
    const a = ctx.paths.claim('/boucle/page-a');
    const b = ctx.paths.claim('/boucle/page-b');
    ctx.add(host, a, redirect(302, b));
    ctx.add(host, b, redirect(302, layout.url(a)));
    redirectLoop = [layout.url(a), layout.url(b)];
    articleLinks.push({ href: a, label: 'Consulter le dossier de presse' });
  }

  const serverErrors: string[] = [];
  if (rng.chance(0.5)) {
    const path = ctx.paths.claim(
      rng.pick(['/annuaire-des-services', '/recherche-avancee', '/carte-des-equipements']),
    );
    ctx.add(host, path, {
      status: 500,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: [
        Buffer.from('<!DOCTYPE html><html lang="fr"><body><h1>Erreur interne du serveur</h1></body></html>'),
      ],
    });
    serverErrors.push(layout.url(path));
    homeLinks.push({ href: path, label: 'Annuaire des services' });
  }
  const connectionResets: string[] = [];
  if (rng.chance(0.3)) {
    const path = ctx.paths.claim('/carte-interactive');
    ctx.add(host, path, { status: 200, headers: {}, body: [], reset: true });
    connectionResets.push(layout.url(path));
    homeLinks.push({ href: path, label: 'Carte interactive' });
  }

  const brokenLinks = rng
    .sample(
      [
        '/page-supprimee',
        '/documents/guide-pratique-2019.pdf',
        '/ancien-site/accueil.php',
        '/actualites/evenement-annule',
        '/telechargements/plaquette.pdf',
      ],
      rng.int(1, 4),
    )
    .map((path) => {
      articleLinks.push({
        href: path,
        label: rng.pick(['Guide pratique', 'En savoir plus', 'Télécharger la plaquette', 'Voir la page']),
      });
      return layout.url(path);
    });

  const calendarParam = rng.pick(['month', 'mois', 'date']);
  const calendarBase = profile.calendar === 'query' ? input.agendaList : '/agenda/calendrier';
  const calendarPath = (month: string) =>
    profile.calendar === 'query'
      ? `${calendarBase}?${calendarParam}=${month}`
      : `${calendarBase}/${month.replace('-', '/')}`;
  const calendarEntry = calendarPath('2026-01');

  const calendar = (month: string): FarmResponse => {
    const [year = 2026, monthNumber = 1] = month.split('-').map(Number);
    const events = input.events
      .filter((event) => event.date.year === year && event.date.month === monthNumber)
      .map((event) => `<li>${layout.a(event.path, event.title)}</li>`)
      .join('');
    const main =
      `<h1>Calendrier - ${monthFr(monthNumber)} ${year}</h1>` +
      `<nav class="calendrier">${layout.a(calendarPath(shiftMonth(month, -1)), '« Mois précédent')} ${layout.a(calendarPath(shiftMonth(month, 1)), 'Mois suivant »')}</nav>` +
      (events === '' ? '<p>Aucun événement ce mois-ci.</p>' : `<ul>${events}</ul>`);
    return layout.page(`Calendrier ${monthFr(monthNumber)} ${year}`, main);
  };

  const newsPage = (page: number): FarmResponse =>
    layout.page(
      `Actualités - page ${page}`,
      `<h1>Actualités</h1><p>Aucune actualité sur cette page.</p><nav class="pager">${layout.a(`${input.newsList}?page=${page - 1}`, 'Page précédente')} ${layout.a(`${input.newsList}?page=${page + 1}`, 'Page suivante')}</nav>`,
    );

  const filtered = (query: string): FarmResponse => {
    const base = `${input.newsList}?${query}`;
    return layout.page(
      'Actualités filtrées',
      `<h1>Actualités</h1><p>Filtrer les résultats :</p><ul class="filtres"><li>${layout.a(`${base}&tri=date`, 'Trier par date')}</li><li>${layout.a(`${base}&tri=titre`, 'Trier par titre')}</li><li>${layout.a(`${base}&vue=liste`, 'Affichage en liste')}</li></ul>`,
    );
  };
  const infiniteEntry =
    profile.infinite === 'pagination'
      ? `${input.newsList}?page=${input.newsPages + 1}`
      : `${input.newsList}?theme=tous`;
  if (profile.infinite === 'growing-query') {
    articleLinks.push({ href: infiniteEntry, label: 'Toutes les actualités par thème' });
  }

  const search = (query: string): FarmResponse => {
    const matches = ctx.placements
      .filter((placement) => placement.service.name.toLowerCase().includes(query.toLowerCase().slice(0, 5)))
      .slice(0, 5)
      .map((placement) => `<li>${layout.a(placement.path, placement.service.name)}</li>`)
      .join('');
    return layout.page(
      'Résultats de recherche',
      `<h1>Résultats de la recherche pour « ${escapeHtml(query)} »</h1>${matches === '' ? '<p>Aucun résultat.</p>' : `<ul>${matches}</ul>`}`,
    );
  };

  const dynamic = (pathAndQuery: string): FarmResponse | undefined => {
    const queryStart = pathAndQuery.indexOf('?');
    const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
    const params = new URLSearchParams(queryStart === -1 ? '' : pathAndQuery.slice(queryStart + 1));
    if (profile.calendar === 'query' && path === calendarBase) {
      const month = params.get(calendarParam);
      if (month !== null && /^\d{4}-\d{2}$/.test(month)) return calendar(month);
    }
    if (profile.calendar === 'path') {
      const match = /^\/agenda\/calendrier\/(\d{4})\/(\d{2})$/.exec(path);
      if (match) return calendar(`${match[1]}-${match[2]}`);
    }
    if (path === input.newsList) {
      const page = Number(params.get('page'));
      if (profile.infinite === 'pagination' && Number.isInteger(page) && page > input.newsPages)
        return newsPage(page);
      const keys = [...params.keys()];
      if (
        profile.infinite === 'growing-query' &&
        keys.length > 0 &&
        keys.every((key) => ['theme', 'tri', 'vue'].includes(key))
      ) {
        return filtered(pathAndQuery.slice(queryStart + 1));
      }
    }
    if (path === input.search.action && params.has(input.search.field))
      return search(params.get(input.search.field) ?? '');
    return undefined;
  };

  return {
    articleLinks,
    homeLinks,
    redirectChains,
    redirectLoop,
    serverErrors,
    connectionResets,
    brokenLinks,
    calendarEntry: layout.url(calendarEntry),
    infiniteEntry: layout.url(infiniteEntry),
    dynamic,
  };
}

function redirect(status: 301 | 302, location: string): FarmResponse {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: [] };
}
