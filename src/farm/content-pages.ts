import type { NavLink } from './layout.ts';
import { pdfResponse } from './pdf.ts';
import type { ServiceContext } from './service-constructs.ts';
import type { ServicePlacement } from './service-pages.ts';
import { capitalise, dateFr, escapeHtml, slugify, uncapitalise } from './text.ts';

/**
 * The pages around the services: news that mention services without offering them (some
 * promise a démarche "bientôt en ligne"), events, job offers and council sessions. Their job in
 * the farm is to be hard negatives for detection and bulk for the crawler.
 */

export interface DatedPage {
  path: string;
  title: string;
  date: { year: number; month: number; day: number };
}

export interface ContentContext extends ServiceContext {
  placements: readonly ServicePlacement[];
}

/** The farm's "today": content is dated before it, so that output never depends on the clock. */
export const FARM_TODAY = { year: 2026, month: 1, day: 15 } as const;

const FILLER = [
  'Cette mesure a été votée lors de la dernière séance de l’assemblée.',
  'Elle concerne plusieurs milliers d’habitants du territoire.',
  'Les agents restent disponibles pour répondre à vos questions.',
  'Un bilan sera présenté à la fin de l’année.',
  'Les élus ont salué le travail des équipes et des partenaires associatifs.',
  'La concertation avec les usagers se poursuit jusqu’au printemps.',
  'Le calendrier détaillé sera communiqué prochainement.',
  'Les travaux sont financés avec le soutien de l’État et de l’Union européenne.',
];

const GENERIC_NEWS = [
  'Le budget primitif adopté',
  'Plan grand froid : restez vigilants',
  'Semaine européenne du développement durable',
  'Résultats de la consultation citoyenne',
  'Inauguration du nouveau pôle administratif',
  'Journée portes ouvertes',
  'Travaux de rénovation énergétique des bâtiments',
  'Le rapport d’activité est en ligne',
  'Recensement de la population : les agents recenseurs passent chez vous',
  'Fermeture exceptionnelle des accueils',
];

function daysBefore(days: number): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(FARM_TODAY.year, FARM_TODAY.month - 1, FARM_TODAY.day - days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function paragraphs(ctx: ContentContext, count: number): string {
  return ctx.rng
    .sample(FILLER, count)
    .map((sentence) => `<p>${sentence}</p>`)
    .join('');
}

/**
 * News articles. `specialLinks` (broken links, redirect chains, loops, failing pages) are
 * spread over the first articles.
 */
export function renderNews(
  ctx: ContentContext,
  count: number,
  specialLinks: readonly NavLink[],
): DatedPage[] {
  const { rng, layout, profile } = ctx;
  const pages: DatedPage[] = [];
  for (let index = 0; index < count; index++) {
    const date = daysBefore(index * rng.int(3, 9) + rng.int(0, 2));
    const placement = ctx.placements.length > 0 && rng.chance(0.65) ? rng.pick(ctx.placements) : undefined;
    const phrase = placement ? uncapitalise(rng.pick(placement.service.phrases)) : '';
    const variant = placement ? rng.int(0, 4) : -1;
    const title =
      placement === undefined
        ? rng.pick(GENERIC_NEWS)
        : [
            `${placement.service.name} : ce qui change cette année`,
            `Réunion d’information : ${phrase}`,
            `${capitalise(phrase)} : bientôt une démarche simplifiée`,
            `Hausse des demandes : ${phrase}`,
            `Témoignage : « ${capitalise(phrase)} a changé mon quotidien »`,
          ][variant];
    const slug = slugify(title ?? 'actualite').slice(0, 70);
    const path = ctx.paths.page('news', slug, date);
    let body = `<p class="date">Publié le ${dateFr(date.year, date.month, date.day)}</p>`;
    if (placement !== undefined) {
      body += `<p class="chapo">${escapeHtml(capitalise(profile.words.the))} fait le point sur le dispositif « ${escapeHtml(phrase)} ».</p>`;
      if (variant === 2) {
        body +=
          '<p>Prochainement, vous pourrez faire votre demande en ligne et suivre son avancement depuis un espace personnel. ' +
          'En attendant, les modalités actuelles restent inchangées.</p>';
      }
      body += paragraphs(ctx, rng.int(1, 3));
      if (rng.chance(0.6))
        body += `<p>Toutes les informations : ${layout.a(placement.path, placement.service.name)}.</p>`;
    } else {
      body += paragraphs(ctx, rng.int(2, 4));
    }
    const special = specialLinks[index];
    if (special !== undefined) body += `<p>À lire aussi : ${layout.a(special.href, special.label)}</p>`;
    if (rng.chance(0.15)) {
      const pdfPath = ctx.paths.pdf(`communique-${slug.slice(0, 40)}`, date);
      ctx.add(
        profile.mainHost,
        pdfPath,
        pdfResponse(`Communiqué de presse - ${title}`, [profile.name, FILLER[0] ?? '']),
      );
      body += `<p>${layout.a(pdfPath, 'Télécharger le communiqué de presse (PDF)')}</p>`;
    }
    ctx.add(
      profile.mainHost,
      path,
      layout.page(title ?? '', `<article><h1>${escapeHtml(title ?? '')}</h1>${body}</article>`),
    );
    pages.push({ path, title: title ?? '', date });
  }
  return pages;
}

const EVENTS = [
  'Marché de producteurs locaux',
  'Concert de l’orchestre d’harmonie',
  'Exposition « Mémoires du territoire »',
  'Atelier numérique : créer son compte FranceConnect',
  'Forum de l’emploi et de la formation',
  'Conférence sur la biodiversité',
  'Fête du sport',
  'Nuit des musées',
  'Randonnée découverte du patrimoine',
  'Rencontres des aidants',
];

export function renderEvents(ctx: ContentContext, count: number): DatedPage[] {
  const { rng, layout, profile } = ctx;
  const pages: DatedPage[] = [];
  for (let index = 0; index < count; index++) {
    const date = daysBefore(-rng.int(1, 120));
    const placement = ctx.placements.length > 0 && rng.chance(0.25) ? rng.pick(ctx.placements) : undefined;
    const title = placement
      ? `Permanence d’information : ${uncapitalise(rng.pick(placement.service.phrases))}`
      : `${rng.pick(EVENTS)} - ${dateFr(date.year, date.month, date.day)}`;
    const path = ctx.paths.page('agenda', slugify(title).slice(0, 70), date);
    const body =
      `<p class="date">Le ${dateFr(date.year, date.month, date.day)}, de ${rng.int(9, 15)} h à ${rng.int(16, 20)} h</p>` +
      `<p>Lieu : ${escapeHtml(profile.words.building)}</p>` +
      `<p>${rng.pick(['Entrée libre.', 'Inscription obligatoire par téléphone.', 'Gratuit, dans la limite des places disponibles.'])}</p>` +
      paragraphs(ctx, 1);
    ctx.add(
      profile.mainHost,
      path,
      layout.page(title, `<article class="evenement"><h1>${escapeHtml(title)}</h1>${body}</article>`),
    );
    pages.push({ path, title, date });
  }
  return pages;
}

const JOBS = [
  'Travailleur social (H/F)',
  'Agent d’exploitation des routes (H/F)',
  'Chargé de mission transition numérique (H/F)',
  'Assistant administratif (H/F)',
  'Infirmier de puériculture (H/F)',
  'Agent d’accueil (H/F)',
  'Gestionnaire ressources humaines (H/F)',
];

/** Job offers; `apply` is the application construct of the site (mail, form…), the same on every offer. */
export function renderJobs(ctx: ContentContext, count: number, apply: string): DatedPage[] {
  const { rng, layout, profile } = ctx;
  const pages: DatedPage[] = [];
  for (let index = 0; index < count; index++) {
    const date = daysBefore(rng.int(1, 60));
    const placement = ctx.placements.length > 0 && rng.chance(0.4) ? rng.pick(ctx.placements) : undefined;
    const title = placement ? `Instructeur ${uncapitalise(placement.service.name)} (H/F)` : rng.pick(JOBS);
    const path = ctx.paths.page('jobs', slugify(title).slice(0, 70), date);
    const missions = placement
      ? `<p>Vous instruisez les demandes (${escapeHtml(uncapitalise(rng.pick(placement.service.phrases)))}) déposées en ligne ou par courrier, et accompagnez les usagers dans leurs démarches.</p>`
      : '<p>Au sein d’une équipe de dix agents, vous assurez l’accueil et l’accompagnement des usagers.</p>';
    const body =
      `<p>Date limite de candidature : ${dateFr(FARM_TODAY.year, FARM_TODAY.month + 1, rng.int(1, 28))}</p>` +
      `<h2>Missions</h2>${missions}<h2>Profil</h2><p>${rng.pick(['Diplôme d’État exigé.', 'Expérience appréciée.', 'Permis B indispensable.'])}</p>` +
      `<h2>Pour candidater</h2>${apply}`;
    ctx.add(
      profile.mainHost,
      path,
      layout.page(title, `<article class="offre"><h1>${escapeHtml(title)}</h1>${body}</article>`),
    );
    pages.push({ path, title, date });
  }
  return pages;
}

/** Council sessions, each with its minutes as a PDF; some sessions left on the legacy host. */
export function renderMinutes(ctx: ContentContext, count: number): DatedPage[] {
  const { rng, layout, profile } = ctx;
  const pages: DatedPage[] = [];
  for (let index = 0; index < count; index++) {
    const date = daysBefore(20 + index * rng.int(30, 60));
    const title = `Séance publique du ${dateFr(date.year, date.month, date.day)}`;
    const path = ctx.paths.page('minutes', slugify(title), date);
    const pdfPath = ctx.paths.pdf(
      `deliberations-${date.year}-${String(date.month).padStart(2, '0')}-${date.day}`,
      date,
    );
    const subjects = rng
      .sample(ctx.placements, rng.int(1, 3))
      .map((placement) => `<li>${escapeHtml(placement.service.name)} : modification du règlement</li>`);
    ctx.add(
      profile.mainHost,
      pdfPath,
      pdfResponse(title, [
        profile.name,
        'Procès-verbal de la séance',
        ...subjects.map((s) => s.replace(/<[^>]+>/g, '')),
      ]),
    );
    const body =
      `<p>Ordre du jour :</p><ul>${subjects.join('')}<li>Budget : décision modificative n° ${rng.int(1, 3)}</li></ul>` +
      `<p>${layout.a(pdfPath, 'Procès-verbal de la séance (PDF)')}</p>`;
    ctx.add(profile.mainHost, path, layout.page(title, `<h1>${escapeHtml(title)}</h1>${body}`));
    pages.push({ path, title, date });
  }
  return pages;
}
