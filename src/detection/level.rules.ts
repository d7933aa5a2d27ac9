import type { DigitalisationLevel } from '../referential/levels.ts';
import { normalizeFrench } from '../shared/french-text.ts';
import type {
  NegativeCategory,
  PageAnalysis,
  ServiceDetection,
  ServiceTarget,
  Signal,
  SignalKind,
} from './detection.types.ts';
import type { PlatformIndex, PlatformKind } from './platforms.ts';

/**
 * From the signals of one page to one detection per service: which services the page is
 * about (confidence) and what it lets users do for each (level). Pure; documented with its
 * reasons in docs/detection.md.
 */

/** A detection counts (site aggregation, evaluation) from this confidence on. */
export const CONFIDENCE_THRESHOLD = 0.5;
/** Below this, a service is not reported at all: a passing mention. */
export const REPORTED_MINIMUM = 0.15;

const LEVEL_SIGNALS: ReadonlySet<SignalKind> = new Set([
  'online_procedure',
  'tracking',
  'account',
  'online_form',
  'download_form',
  'appointment',
  'payment',
  'platform',
  'third_party',
  'email_request',
]);

/** Platform kinds through which a request is submitted online. */
const SUBMISSION_PLATFORMS: ReadonlySet<PlatformKind> = new Set([
  'eservice',
  'urbanism',
  'family_portal',
  'library',
]);

/** How much a negative cue of full strength lowers the confidence that a page is about a service. */
const NEGATIVE_PENALTY: Record<NegativeCategory, number> = {
  news: 0.7,
  agenda: 0.6,
  job_offer: 0.7,
  council: 0.7,
  public_notice: 0.6,
  listing: 0.6,
};

/**
 * How a level signal is tied to a service: named by the detector, a few words from the
 * service's name, in the same block, in the same section, or as the page's subject.
 */
type Attachment = 'explicit' | 'near' | 'block' | 'section' | 'page';

interface Attached {
  signal: Signal;
  via: Attachment;
}

export interface DecideInput {
  url: string;
  signals: readonly Signal[];
  analysis: PageAnalysis;
  services: ReadonlyMap<string, ServiceTarget>;
  platforms: PlatformIndex;
}

export function noisyOr(strengths: readonly number[]): number {
  return (
    1 - strengths.reduce((remaining, strength) => remaining * (1 - Math.min(Math.max(strength, 0), 1)), 1)
  );
}

/** Mentions strong enough to tie a level signal of the same block or section to the service. */
const TIE_STRENGTH = 0.1;

/** How a page names a service: as its subject, as the heading of a part, or in passing. */
type Role = 'primary' | 'headed' | 'mentioned';

/** Where the page names each service: what level signals are tied with. */
interface MentionIndex {
  mentions: Map<string, Signal[]>;
  roles: Map<string, Role>;
  blockServices: Map<number, Set<string>>;
  /** Services that open a block: "Acte de décès : …", a heading, the title. */
  leadingServices: Map<number, Set<string>>;
  sectionServices: Map<number, Set<string>>;
  sectionHeads: Map<number, Set<string>>;
  /** Blocks that list services (menus, indexes): their level signals belong to no service. */
  listBlocks: Set<number>;
  /** "block:service" → token spans of the service's phrases in the block. */
  spans: Map<string, Array<[number, number]>>;
  /** Services that are the page's subject only through its kind: they never claim what its text is about. */
  genreOnly: Set<string>;
  /** Evidence a service gets from the page's kind (a job offer for the recruitment service). */
  genreStrength: Map<string, number>;
}

export function decideDetections(input: DecideInput): ServiceDetection[] {
  const { analysis, signals, services, platforms } = input;
  const index = indexMentions(signals, analysis, services);
  const negatives = signals.filter((signal) => signal.kind === 'negative' && signal.negative !== undefined);
  addGenreServices(index, negatives, services);
  const primary = new Set(
    [...index.roles].filter(([, role]) => role === 'primary').map(([service]) => service),
  );
  const attached = attachLevelSignals(signals, analysis, index, primary);
  const servicesOnPage = [...index.mentions.values()].filter((found) =>
    found.some((signal) => signal.strength >= 0.2),
  ).length;

  const detections: ServiceDetection[] = [];
  for (const [serviceKey, found] of index.mentions) {
    const target = services.get(serviceKey) as ServiceTarget;
    const tied = attached.get(serviceKey) ?? [];
    const level = levelOf(
      tied.map((entry) => entry.signal),
      platforms,
    );
    const role = index.roles.get(serviceKey) ?? 'mentioned';
    const namedByOffer = tied.some((entry) => entry.via === 'near' || entry.via === 'explicit');
    const confidence = confidenceOf({
      mentions: found,
      genre: index.genreStrength.get(serviceKey) ?? 0,
      analysis,
      level,
      // A service named in passing on another service's page is not what the page offers.
      offered: tied.length > 0 && (role !== 'mentioned' || primary.size === 0 || namedByOffer),
      namedByOffer,
      isPrimary: role === 'primary',
      negatives,
      exemptFrom: target.exemptFrom,
      servicesOnPage,
    });
    if (confidence < REPORTED_MINIMUM) continue;
    detections.push({
      serviceKey,
      level,
      confidence: Math.round(confidence * 1000) / 1000,
      evidence: evidenceOf(input.url, found, tied, level, platforms),
    });
  }
  return detections.sort((a, b) => b.confidence - a.confidence || a.serviceKey.localeCompare(b.serviceKey));
}

function indexMentions(
  signals: readonly Signal[],
  analysis: PageAnalysis,
  services: ReadonlyMap<string, ServiceTarget>,
): MentionIndex {
  const index: MentionIndex = {
    mentions: new Map(),
    roles: new Map(),
    blockServices: new Map(),
    leadingServices: new Map(),
    sectionServices: new Map(),
    sectionHeads: new Map(),
    listBlocks: new Set(),
    spans: new Map(),
    genreOnly: new Set(),
    genreStrength: new Map(),
  };
  // A service named by a platform's name ("sur le portail famille") is the channel of the
  // sentence, not its subject: it does not claim the level signals of its block.
  const platformPhrases = new Set(
    signals
      .filter((signal) => signal.kind === 'platform' && signal.location.block !== undefined)
      .map((signal) => `${signal.location.block}:${normalizeFrench(signal.phrase ?? '')}`),
  );

  for (const signal of signals) {
    const service = signal.serviceKey;
    if (signal.kind !== 'service_mention' || service === undefined || !services.has(service)) continue;
    index.mentions.set(service, [...(index.mentions.get(service) ?? []), signal]);
    const block = signal.location.block === undefined ? undefined : analysis.blocks[signal.location.block];
    if (block === undefined) continue;
    if (signal.location.span !== undefined) {
      const key = `${block.index}:${service}`;
      index.spans.set(key, [...(index.spans.get(key) ?? []), signal.location.span]);
    }
    const channel = platformPhrases.has(`${block.index}:${normalizeFrench(signal.phrase ?? '')}`);
    const found = roleOf(signal, block.field, block.headingLevel);
    const role = channel && found === 'headed' ? 'mentioned' : found;
    const known = index.roles.get(service);
    if (role === 'primary' || (role === 'headed' && known !== 'primary')) index.roles.set(service, role);
    else if (known === undefined) index.roles.set(service, 'mentioned');
    if (signal.strength < TIE_STRENGTH && block.field !== 'link') {
      index.listBlocks.add(block.index);
      continue;
    }
    if (channel) continue;
    addTo(index.blockServices, block.index, service);
    if (role !== 'mentioned') addTo(index.leadingServices, block.index, service);
    if (block.section >= 0) {
      addTo(index.sectionServices, block.section, service);
      if (block.field === 'heading') addTo(index.sectionHeads, block.section, service);
    }
  }
  return index;
}

/**
 * Services whose name says they are this kind of page become its subject (see ServiceTarget.genre),
 * unless the cue is a word of another service's name: "Secteurs de **recrutement** des collèges"
 * is not a job offer.
 */
function addGenreServices(
  index: MentionIndex,
  negatives: readonly Signal[],
  services: ReadonlyMap<string, ServiceTarget>,
): void {
  for (const negative of negatives) {
    if (insideMention(negative, index)) continue;
    for (const target of services.values()) {
      if (!target.genre.includes(negative.negative as NegativeCategory)) continue;
      const strength = GENRE_STRENGTH * negative.strength;
      index.genreStrength.set(target.key, Math.max(index.genreStrength.get(target.key) ?? 0, strength));
      if (!index.mentions.has(target.key)) index.mentions.set(target.key, []);
      if (negative.strength >= 1 && index.roles.get(target.key) !== 'primary') {
        index.roles.set(target.key, 'primary');
        index.genreOnly.add(target.key);
      }
    }
  }
}

function insideMention(signal: Signal, index: MentionIndex): boolean {
  const { block, span } = signal.location;
  if (block === undefined || span === undefined) return false;
  for (const [key, mentions] of index.spans) {
    if (!key.startsWith(`${block}:`)) continue;
    if (mentions.some(([start, end]) => start <= span[0] && span[1] <= end)) return true;
  }
  return false;
}

function attachLevelSignals(
  signals: readonly Signal[],
  analysis: PageAnalysis,
  index: MentionIndex,
  primary: ReadonlySet<string>,
): Map<string, Attached[]> {
  const attached = new Map<string, Attached[]>();
  for (const signal of signals) {
    if (!LEVEL_SIGNALS.has(signal.kind)) continue;
    const block = signal.location.block;
    // A menu or index line offers nothing by itself ("… · Portail famille · Payer en ligne").
    if (block !== undefined && index.listBlocks.has(block)) continue;
    // "Bientôt une démarche en ligne", "prochainement, vous pourrez…": not offered yet.
    if (block !== undefined && analysis.blocks[block]?.tokens.some((token) => FUTURE.test(token.norm)))
      continue;
    for (const { service, via } of targetsOf(signal, analysis, index, primary)) {
      if (!index.mentions.has(service)) continue;
      const near = via === 'block' && isNear(signal, index.spans.get(`${signal.location.block}:${service}`));
      attached.set(service, [...(attached.get(service) ?? []), { signal, via: near ? 'near' : via }]);
    }
  }
  return attached;
}

function addTo(map: Map<number, Set<string>>, key: number, service: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(service);
  map.set(key, set);
}

/** Words announcing an offer for later. */
const FUTURE = /^(bientot|prochainement)$/;
/** What a page of the service's own kind (a job offer for the recruitment service) says of it. */
const GENRE_STRENGTH = 0.5;
/** A level signal this many words from a service's name speaks of it ("payer votre facture d'eau en ligne"). */
const NEAR_WORDS = 2;

function isNear(signal: Signal, mentions: ReadonlyArray<[number, number]> | undefined): boolean {
  const span = signal.location.span;
  if (span === undefined || mentions === undefined) return false;
  return mentions.some((mention) => {
    const gap =
      span[0] >= mention[1] ? span[0] - mention[1] : mention[0] >= span[1] ? mention[0] - span[1] : 0;
    return gap <= NEAR_WORDS;
  });
}

/** Mentions at least this strong open their block ("Acte de décès : …"). */
const LEADING_STRENGTH = 0.35;

/**
 * The title, the h1 or the last segment of the URL name what the whole page is about; an h2–h3
 * or a line that opens with the service heads a part of it.
 */
function roleOf(signal: Signal, field: string, headingLevel: number | undefined): Role {
  if (field === 'title') return 'primary';
  if (field === 'heading') return headingLevel === 1 ? 'primary' : 'headed';
  if (field === 'url') return signal.strength >= 0.3 ? 'primary' : 'mentioned';
  return signal.strength >= LEADING_STRENGTH ? 'headed' : 'mentioned';
}

/**
 * Services a level signal speaks for: the one it names; else the service that opens its
 * block; else those named in its block, with the subject of its section (or of the page);
 * else those of its section; else the page's subject (title, h1, URL).
 */
function targetsOf(
  signal: Signal,
  analysis: PageAnalysis,
  places: MentionIndex,
  primary: ReadonlySet<string>,
): Array<{ service: string; via: Attachment }> {
  if (signal.serviceKey !== undefined) return [{ service: signal.serviceKey, via: 'explicit' }];
  const { block: blockIndex } = signal.location;
  const section = blockIndex !== undefined ? analysis.blocks[blockIndex]?.section : signal.location.section;
  const heads = section === undefined || section < 0 ? undefined : places.sectionHeads.get(section);
  const subject = heads && heads.size > 0 ? heads : primary;
  const targets = new Map<string, Attachment>();
  if (blockIndex !== undefined) {
    const leading = places.leadingServices.get(blockIndex);
    if (leading && leading.size > 0) return [...leading].map((service) => ({ service, via: 'block' }));
    const inBlock = places.blockServices.get(blockIndex);
    if (inBlock && inBlock.size > 0) {
      for (const service of inBlock) targets.set(service, 'block');
      for (const service of subject) {
        if (!targets.has(service) && !places.genreOnly.has(service)) targets.set(service, 'section');
      }
      return [...targets].map(([service, via]) => ({ service, via }));
    }
  }
  if (section !== undefined && section >= 0) {
    const inSection = places.sectionServices.get(section);
    if (inSection && inSection.size > 0) {
      for (const service of inSection) targets.set(service, 'section');
      if (!heads || heads.size === 0)
        for (const service of primary) if (!targets.has(service)) targets.set(service, 'page');
      return [...targets].map(([service, via]) => ({ service, via }));
    }
  }
  return [...primary].map((service) => ({ service, via: 'page' }));
}

/** Level rules, highest first; see docs/detection.md. */
export function levelOf(signals: readonly Signal[], platforms: PlatformIndex): DigitalisationLevel {
  let online = false;
  let followUp = false;
  let payment = false;
  let partial = false;
  for (const signal of signals) {
    const platform = signal.platform === undefined ? undefined : platforms.byKey.get(signal.platform);
    switch (signal.kind) {
      case 'online_form':
      case 'online_procedure':
        online = true;
        break;
      case 'tracking':
      case 'account':
        followUp = true;
        break;
      case 'payment':
        payment = true;
        break;
      case 'download_form':
      case 'appointment':
      case 'email_request':
        partial = true;
        break;
      case 'platform':
        if (platform === undefined) break;
        if (SUBMISSION_PLATFORMS.has(platform.kind)) online = true;
        if (platform.kind === 'payment') payment = true;
        if (platform.kind === 'appointment') partial = true;
        if (platform.tracking) followUp = true;
        break;
      case 'third_party':
        if (platform?.tracking) followUp = true;
        break;
      default:
        break;
    }
  }
  // Paying online is itself doing the démarche online, up to its end.
  if (payment) return 4;
  if (online) return followUp ? 4 : 3;
  if (partial) return 2;
  return 1;
}

interface ConfidenceInput {
  mentions: readonly Signal[];
  /** Strength of the page's kind as evidence (see genre in ServiceTarget). */
  genre: number;
  analysis: PageAnalysis;
  level: DigitalisationLevel;
  /** Level signals are tied to the service and it is not a passing mention on another service's page. */
  offered: boolean;
  /** One of them is a few words from the service's name, or names it. */
  namedByOffer: boolean;
  isPrimary: boolean;
  negatives: readonly Signal[];
  exemptFrom: readonly NegativeCategory[];
  servicesOnPage: number;
}

/** Line mentions after the first two say less and less: the page keeps naming the service. */
const REPEATED_LINE_FACTOR = 0.5;
/** Level signals tied to the service: the page offers it, not only names it. */
const OFFER_STRENGTH = 0.25;
/** …in the very words that name it: « réservez un court de tennis en ligne ». */
const NAMED_OFFER_STRENGTH = 0.4;
/** Pages naming this many services are menus, indexes or overviews for the services they do not headline. */
const CROWDED_PAGE = 6;
const CROWDED_FACTOR = 0.75;

export function confidenceOf(input: ConfidenceInput): number {
  const byBlock = new Map<string, number>();
  for (const mention of input.mentions) {
    const key = mention.location.block === undefined ? `${mention.detector}` : String(mention.location.block);
    byBlock.set(key, Math.max(byBlock.get(key) ?? 0, mention.strength));
  }
  let lineMentions = 0;
  const strengths = [...byBlock.entries()].map(([key, strength]) => {
    const block = input.analysis.blocks[Number(key)];
    if (block?.field !== 'line') return strength;
    lineMentions++;
    return lineMentions > 2 ? strength * REPEATED_LINE_FACTOR : strength;
  });
  let confidence = noisyOr([...strengths, input.genre]);
  if (input.offered && input.level >= 2) {
    confidence = noisyOr([confidence, input.namedByOffer ? NAMED_OFFER_STRENGTH : OFFER_STRENGTH]);
  }
  // A page of the kind the service is about (minutes for the council service) is not penalised at all.
  const ownKind = input.negatives.some((negative) =>
    input.exemptFrom.includes(negative.negative as NegativeCategory),
  );
  for (const negative of ownKind ? [] : input.negatives) {
    const category = negative.negative as NegativeCategory;
    confidence *= 1 - NEGATIVE_PENALTY[category] * negative.strength;
  }
  if (!input.isPrimary && input.servicesOnPage >= CROWDED_PAGE) confidence *= CROWDED_FACTOR;
  return confidence;
}

function evidenceOf(
  url: string,
  mentions: readonly Signal[],
  tied: readonly Attached[],
  level: DigitalisationLevel,
  platforms: PlatformIndex,
): ServiceDetection['evidence'] {
  const phrases = [
    ...new Set(mentions.map((mention) => mention.phrase).filter((phrase) => phrase !== undefined)),
  ];
  const levelSignals = tied.map((entry) => entry.signal);
  const described = [
    ...new Set(
      levelSignals.map((signal) => `${signal.kind}: ${signal.platform ?? signal.phrase ?? ''}`.trim()),
    ),
  ];
  const platform = levelSignals.find((signal) => signal.kind === 'platform')?.platform;
  // A third party handles the démarche when it is named where the page says how to do it.
  const actionBlocks = new Set(
    levelSignals
      .filter((signal) => signal.kind !== 'third_party' && signal.kind !== 'platform')
      .map((signal) => signal.location.block),
  );
  const thirdParty = levelSignals.find(
    (signal) =>
      signal.kind === 'third_party' &&
      signal.platform !== undefined &&
      platforms.byKey.get(signal.platform)?.kind === 'national_service' &&
      (actionBlocks.has(signal.location.block) || (level === 1 && signal.location.block !== undefined)),
  )?.platform;
  return {
    url,
    phrases: phrases as string[],
    signals: described.slice(0, 12),
    ...(platform !== undefined ? { platform } : {}),
    ...(thirdParty !== undefined ? { thirdParty } : {}),
  };
}
