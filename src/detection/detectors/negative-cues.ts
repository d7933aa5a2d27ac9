import { type FrenchToken, PhraseMatcher, tokenizeFrench } from '../../shared/french-text.ts';
import type { DetectionContext, NegativeCategory, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * Cues that a page is not about a service even when it names one: news and press releases,
 * agendas, job offers, council minutes and deliberations, public notices, and pages that list
 * services (site map, competences, elected officials). Read in the title, the URL, the main
 * heading and the first lines, where such pages say what they are.
 */

export const NEGATIVE_CUES = 'negative-cues';

const CUES: Record<NegativeCategory, string[]> = {
  news: [
    'actualité',
    'actualités',
    'actus',
    'publié le',
    'communiqué de presse',
    'communiqué',
    'revue de presse',
    'magazine',
    'retour sur',
    'inauguration',
    'inauguré',
    'inaugurée',
    'à la une',
  ],
  agenda: [
    'agenda',
    'événement',
    'événements',
    'portes ouvertes',
    'entrée libre',
    'journées européennes du patrimoine',
  ],
  job_offer: [
    "offre d'emploi",
    "offres d'emploi",
    'recrute',
    'recrutement',
    'H/F',
    'poste à pourvoir',
    'lettre de motivation',
    "cadre d'emplois",
  ],
  council: [
    'délibération',
    'délibérations',
    'compte rendu du conseil',
    'compte rendu de la séance',
    'procès-verbal',
    'ordre du jour',
    'séance du conseil',
    'commission permanente',
    'après en avoir délibéré',
  ],
  public_notice: ["avis d'enquête publique", 'enquête publique', 'arrêté municipal', 'arrêté du maire'],
  listing: [
    'plan du site',
    'mentions légales',
    'accès rapides',
    'nos compétences',
    'les compétences',
    'que fait le département',
    'adjoint au maire',
    'adjointe au maire',
    'vice-président',
    'vice-présidente',
    'conseiller départemental',
    'conseillère départementale',
    'conseiller municipal délégué',
    'sommaire',
    'résultats de recherche',
    'résultats de la recherche',
  ],
};

/** URL path segments that say what a page is. */
const URL_CUES: Record<string, NegativeCategory> = {
  actualites: 'news',
  actualite: 'news',
  actus: 'news',
  actu: 'news',
  news: 'news',
  presse: 'news',
  communiques: 'news',
  magazine: 'news',
  blog: 'news',
  agenda: 'agenda',
  evenements: 'agenda',
  evenement: 'agenda',
  'offres-emploi': 'job_offer',
  'offres-d-emploi': 'job_offer',
  'offre-emploi': 'job_offer',
  recrutement: 'job_offer',
  deliberations: 'council',
  'comptes-rendus': 'council',
  'proces-verbaux': 'council',
  'plan-du-site': 'listing',
  'mentions-legales': 'listing',
  elus: 'listing',
  'les-elus': 'listing',
  competences: 'listing',
  recherche: 'listing',
  search: 'listing',
};

const MATCHER = PhraseMatcher.compile(
  Object.entries(CUES).flatMap(([category, phrases]) =>
    phrases.map((phrase) => ({ phrase, value: category as NegativeCategory })),
  ),
);

function cuesIn(
  tokens: readonly FrenchToken[],
): Array<{ phrase: string; category: NegativeCategory; span: [number, number] }> {
  return MATCHER.match(tokens).map((match) => ({
    phrase: match.phrase,
    category: match.value,
    span: [match.start, match.end],
  }));
}

/**
 * Services whose name says they are a kind of page ("Offres d'emploi …", "Séances et
 * délibérations …"): such a page is the service itself. Narrower than CUES: "secteurs de
 * recrutement des collèges" is not about jobs.
 */
const GENRE_MATCHER = PhraseMatcher.compile(
  (
    [
      ['job_offer', "offre d'emploi"],
      ['job_offer', "offres d'emploi"],
      ['council', 'délibération'],
      ['council', 'délibérations'],
      ['council', 'séances du conseil'],
    ] as const
  ).map(([category, phrase]) => ({ phrase, value: category as NegativeCategory })),
);

export function genreCategoriesOf(name: string): NegativeCategory[] {
  return [...new Set(GENRE_MATCHER.matchText(name).map((match) => match.value))];
}

/** Categories whose cue phrases occur in a text (used to exempt services that are such pages). */
export function negativeCategoriesOf(text: string): NegativeCategory[] {
  return [...new Set(cuesIn(tokenizeFrench(text)).map((found) => found.category))];
}

/** How many first lines of the main text are read for cues ("Publié le…", "Actualités"). */
const FIRST_LINES = 3;
/**
 * Cues specific enough to be read in the first lines of a page, not only in its title. Even
 * service pages show "Publié le …" on some CMSes: a weak cue there.
 */
const LINE_CUES: ReadonlyMap<string, number> = new Map([
  ['publié le', 0.5],
  ['communiqué de presse', 1],
  ['revue de presse', 1],
  ['H/F', 1],
  ['poste à pourvoir', 1],
  ['lettre de motivation', 0.7],
  ["cadre d'emplois", 1],
  ['après en avoir délibéré', 1],
  ['ordre du jour', 0.7],
  ['entrée libre', 0.7],
  ["avis d'enquête publique", 1],
  ['adjoint au maire', 0.7],
  ['adjointe au maire', 0.7],
]);

export function detectNegativeCues(_page: PageContent, ctx: DetectionContext): Signal[] {
  const signals: Signal[] = [];
  const seen = new Set<NegativeCategory>();
  const push = (
    category: NegativeCategory,
    strength: number,
    phrase: string,
    block: number,
    span?: [number, number],
  ) => {
    if (seen.has(category)) return;
    seen.add(category);
    signals.push({
      kind: 'negative',
      detector: NEGATIVE_CUES,
      strength,
      phrase,
      negative: category,
      location: span === undefined ? { block } : { block, span },
    });
  };

  let lines = 0;
  for (const block of ctx.analysis.blocks) {
    if (block.field === 'url') {
      for (const segment of ctx.analysis.path.split('/')) {
        const category = URL_CUES[segment];
        if (category) push(category, 1, segment, block.index);
      }
      continue;
    }
    const isTop =
      block.field === 'title' ||
      (block.field === 'heading' && block.headingLevel === 1) ||
      (block.field === 'line' && lines++ < FIRST_LINES);
    if (!isTop) continue;
    for (const { phrase, category, span } of cuesIn(block.tokens)) {
      const lineStrength = LINE_CUES.get(phrase);
      if (block.field === 'title') push(category, 1, phrase, block.index, span);
      else if (lineStrength !== undefined) push(category, lineStrength, phrase, block.index, span);
      else if (block.field === 'heading') push(category, 1, phrase, block.index, span);
    }
  }
  return signals;
}
