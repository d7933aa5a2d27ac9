import type { ServiceTruth } from './farm.types.ts';
import type { NavLink } from './layout.ts';
import { FARM_PLATFORMS, operatorPageMain } from './platforms.ts';
import { hashString } from './random.ts';
import { type LevelBlock, letterOnlyAfter, levelBlock, type ServiceContext } from './service-constructs.ts';
import type { PlannedService } from './service-levels.ts';
import { capitalise, escapeHtml, slugify, uncapitalise } from './text.ts';

/**
 * A service's page on the authority's site: a description in several shapes and wordings, with
 * the referential's name and phrases (what real pages say), and the construct of its level.
 */

export interface ServicePlacement extends PlannedService {
  path: string;
  slug: string;
  themeName: string;
}

/** Claims a path for the service page: a URL hint, the slugified name or phrase, or an opaque id. */
export function placeService(
  ctx: ServiceContext,
  planned: PlannedService,
  themeName: string,
): ServicePlacement {
  const { rng } = ctx;
  const { service } = planned;
  const slug = rng.weighted([
    [rng.pick(service.url_hints), 60],
    [slugify(service.name).slice(0, 60), 25],
    [slugify(rng.pick(service.phrases)).slice(0, 60), 15],
  ]);
  const themed = ctx.profile.style === 'drupal' && rng.chance(0.5);
  const path = themed ? ctx.paths.claim(`/${slugify(themeName)}/${slug}`) : ctx.paths.page('services', slug);
  return { ...planned, path, slug, themeName };
}

const WHO = [
  'Ce dispositif s’adresse aux habitants du territoire, sous conditions de ressources.',
  'Il est ouvert à toute personne résidant sur le territoire depuis au moins trois mois.',
  'Les conditions d’attribution sont fixées par le règlement adopté par l’assemblée.',
  'Aucune condition de ressources n’est exigée.',
  'Les particuliers, les associations et les communes peuvent en bénéficier selon les cas.',
  'Le bénéfice dépend de votre situation familiale et de vos revenus.',
];
const DOCUMENTS = [
  'une pièce d’identité en cours de validité',
  'un justificatif de domicile de moins de trois mois',
  'le dernier avis d’imposition',
  'un relevé d’identité bancaire (RIB)',
  'l’attestation de quotient familial',
  'un certificat médical de moins de trois mois',
  'les justificatifs de ressources des trois derniers mois',
  'un devis détaillé',
  'le budget prévisionnel du projet',
];
const INFORMATION_HOW = [
  'La demande se fait auprès du service, sur rendez-vous pris par téléphone.',
  'Présentez-vous à l’accueil muni des pièces justificatives, du lundi au vendredi de 9 h à 17 h.',
  'Le dossier papier est à retirer auprès de nos services ou de votre mairie.',
  'Aucun formulaire n’est disponible sur ce site : adressez-vous à votre travailleur social.',
  'Renseignez-vous auprès du service compétent aux horaires d’ouverture.',
  'Un agent vous reçoit lors des permanences pour constituer le dossier avec vous.',
];
const HEADINGS = {
  who: ['Qui peut en bénéficier ?', 'Pour qui ?', 'Conditions', 'Bénéficiaires'],
  documents: [
    'Pièces à fournir',
    'Documents nécessaires',
    'Les justificatifs à joindre',
    'Constituer son dossier',
  ],
  how: [
    'Comment faire la demande ?',
    'Démarches',
    'Faire la demande',
    'Comment procéder ?',
    'La marche à suivre',
  ],
  after: ['Après la demande', 'Délais', 'Et ensuite ?', 'Suivi de votre dossier'],
};

/** Renders the page (and what it needs elsewhere) and returns its ground truth. */
export function renderServicePage(
  ctx: ServiceContext,
  placement: ServicePlacement,
  related: NavLink[],
): ServiceTruth {
  const { rng, profile, layout } = ctx;
  const { service, path } = placement;
  const url = layout.url(path);
  const third = placement.thirdParty;
  if (third !== undefined) {
    const operatorUrl = ctx.platforms.add(
      third.operator.platform,
      third.operator.path,
      capitalise(third.operator.procedure),
      operatorPageMain(
        third.operator,
        capitalise(third.operator.procedure),
        ctx.platforms.url('franceconnect', '/'),
      ),
    );
    const truth: ServiceTruth = {
      serviceKey: service.key,
      level: placement.level,
      url,
      channel: 'third-party',
      thirdParty: third.operator.operator,
      ...(third.linked ? { platformUrl: operatorUrl } : {}),
    };
    if (third.httpRedirect) {
      ctx.add(profile.mainHost, path, { status: 302, headers: { location: operatorUrl }, body: [] });
      return truth;
    }
    const block: LevelBlock = third.linked
      ? {
          how: `<p>Cette démarche ne relève pas ${escapeHtml(profile.words.of)} : elle est gérée par ${escapeHtml(third.operator.label)}.</p><p><a class="btn" href="${escapeHtml(operatorUrl)}">Faire la demande sur ${FARM_PLATFORMS[third.operator.platform].name}</a></p>`,
          after: '',
        }
      : {
          how: `<p>Pour toute demande, adressez-vous à ${escapeHtml(third.operator.office ?? third.operator.label)}, qui instruit les dossiers.</p>`,
          after: '',
        };
    ctx.add(
      profile.mainHost,
      path,
      layout.page(service.name, servicePageMain(ctx, placement, block, related)),
    );
    return truth;
  }
  const block: LevelBlock =
    placement.channel === 'information' || placement.channel === 'third-party'
      ? { how: `<p>${rng.pick(INFORMATION_HOW)}</p>`, after: letterOnlyAfter(rng) }
      : levelBlock(ctx, service, placement.channel, placement.slug);
  ctx.add(profile.mainHost, path, layout.page(service.name, servicePageMain(ctx, placement, block, related)));
  return {
    serviceKey: service.key,
    level: placement.level,
    url,
    channel: placement.channel,
    ...(block.platformUrl === undefined ? {} : { platformUrl: block.platformUrl }),
  };
}

function servicePageMain(
  ctx: ServiceContext,
  placement: ServicePlacement,
  block: LevelBlock,
  related: NavLink[],
): string {
  const { rng, profile, layout } = ctx;
  const { service } = placement;
  const phrase = rng.pick(service.phrases);
  const title = rng.weighted([
    [service.name, 60],
    [capitalise(phrase), 25],
    [`${service.name} : mode d’emploi`, 15],
  ]);
  const intro = rng.pick([
    `<p class="chapo">${escapeHtml(service.description)}</p>`,
    `<p class="chapo">Vous souhaitez en savoir plus sur ce dispositif (${escapeHtml(uncapitalise(phrase))}) ? ${escapeHtml(service.description)}</p>`,
    `<p class="chapo">${escapeHtml(capitalise(profile.words.the))} vous accompagne. ${escapeHtml(service.description)}</p>`,
    `<p>${escapeHtml(service.description)}</p><p>Cette page présente les conditions et la marche à suivre.</p>`,
  ]);
  const heading = (key: keyof typeof HEADINGS) => `<h2>${rng.pick(HEADINGS[key])}</h2>`;
  const who = `${heading('who')}<p>${rng.pick(WHO)}</p>`;
  const documents = `${heading('documents')}<ul>${rng
    .sample(DOCUMENTS, rng.int(2, 5))
    .map((item) => `<li>${item}</li>`)
    .join('')}</ul>`;
  const how = `${heading('how')}${block.how}`;
  const after = block.after === '' ? '' : `${heading('after')}${block.after}`;
  const sections = rng.chance(0.3)
    ? [intro, how, who, documents, after]
    : [intro, who, documents, how, after];
  const extras: string[] = [];
  if (rng.chance(0.35)) {
    const fiche = `F${10000 + (hashString(service.key) % 30000)}`;
    const spUrl = ctx.platforms.add(
      'service-public',
      `/particuliers/vosdroits/${fiche}`,
      service.name,
      `<h1>${escapeHtml(service.name)}</h1><p>Fiche pratique. ${escapeHtml(service.description)}</p><p>Vérifié le 1er janvier 2026 - Direction de l’information légale et administrative (Premier ministre)</p>`,
    );
    extras.push(`<p>En savoir plus : <a href="${escapeHtml(spUrl)}">fiche sur service-public.fr</a></p>`);
  }
  const contactMail =
    placement.level === 1 && rng.chance(0.2)
      ? ` - <a href="mailto:info@${ctx.domain}">info@${ctx.domain}</a>`
      : '';
  extras.push(
    `<div class="contact"><h2>Contact</h2><p>${escapeHtml(placement.themeName)} - ${escapeHtml(profile.words.building)}<br>Tél. : 0${rng.int(1, 5)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}${contactMail}</p></div>`,
  );
  if (related.length > 0) {
    extras.push(
      `<aside class="voir-aussi"><h2>Voir aussi</h2><ul>${related.map((link) => `<li>${layout.a(link.href, link.label)}</li>`).join('')}</ul></aside>`,
    );
  }
  const breadcrumb = `<nav class="fil-ariane" aria-label="Fil d’Ariane">${layout.a(profile.homePath, 'Accueil')} &gt; ${escapeHtml(placement.themeName)}</nav>`;
  return `${breadcrumb}<h1>${escapeHtml(title)}</h1>${sections.join('')}${extras.join('')}`;
}
