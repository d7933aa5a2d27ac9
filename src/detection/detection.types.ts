import type { DigitalisationLevel } from '../referential/levels.ts';
import type { FrenchToken, PhraseMatcher } from '../shared/french-text.ts';
import type { PageContent } from './page.ts';
import type { Platform, PlatformIndex } from './platforms.ts';

/**
 * Types shared by the detectors, the level rules and their callers. A detector reads a page
 * (and the page analysis prepared once for all detectors) and returns signals; the level
 * rules turn all signals of a page into detections.
 */

export type SignalKind =
  /** The page names a service (phrase, URL fragment). */
  | 'service_mention'
  /** Wording of an online procedure: "faire sa demande en ligne", "téléservice"… */
  | 'online_procedure'
  /** Wording of an online follow-up: "suivre l'avancement de votre dossier"… */
  | 'tracking'
  /** A user account or login: "mon compte", "espace personnel", FranceConnect, a password field. */
  | 'account'
  /** An HTML form with fields and a submit button that is not a site search. */
  | 'online_form'
  /** A form to download or print and return: PDF/DOC link, "formulaire à télécharger". */
  | 'download_form'
  /** Online appointment booking. */
  | 'appointment'
  /** Online payment. */
  | 'payment'
  /** A link, embed or mention of a known e-service platform of the authority. */
  | 'platform'
  /** A link or mention of a national service or other third party where the démarche happens. */
  | 'third_party'
  /** An invitation to send the request by e-mail. */
  | 'email_request'
  /** A cue that the page is not about a service: news, agenda, job offer, council minutes… */
  | 'negative';

export type NegativeCategory = 'news' | 'agenda' | 'job_offer' | 'council' | 'public_notice' | 'listing';

/** Where on the page a signal was found. */
export interface SignalLocation {
  /** Index in PageAnalysis.blocks (title, heading, line, link or URL). */
  block?: number;
  /** Index in PageAnalysis.sections when the signal belongs to a part of the page (a form). */
  section?: number;
  /** Words of the block that triggered the signal: token range [start, end). */
  span?: [number, number];
}

export interface Signal {
  kind: SignalKind;
  /** Name of the detector that emitted it (registry name). */
  detector: string;
  /** 0–1: how much this one signal says. */
  strength: number;
  /** Words of the page that triggered the signal, as written. */
  phrase?: string;
  /** The service the signal is about, when the detector knows it. */
  serviceKey?: string;
  /** Key of the platform linked, embedded or named. */
  platform?: string;
  negative?: NegativeCategory;
  location: SignalLocation;
}

export type BlockField = 'title' | 'heading' | 'line' | 'link' | 'url';

/** A piece of the page that detectors read, tokenised once. */
export interface PageBlock {
  index: number;
  field: BlockField;
  /** Section index; -1 for the title and the URL, which speak for the whole page. */
  section: number;
  /** For headings: 1–3 (or 2 for headings guessed in plain text). */
  headingLevel?: number;
  text: string;
  tokens: readonly FrenchToken[];
  /** For links: index in page.links. */
  link?: number;
}

export interface PageSectionInfo {
  heading: string;
  level: number;
  /** Blocks of the section (heading, lines and main-content links). */
  blocks: number[];
}

export interface PageAnalysis {
  blocks: PageBlock[];
  sections: PageSectionInfo[];
  /** Lowercase, accent-free URL path without extension, e.g. "/demarches/acte-de-naissance". */
  path: string;
}

/** A service of the referential as the detector matches it. */
export interface ServiceTarget {
  key: string;
  name: string;
  theme: string;
  /** Phrases (referential phrases, name, unambiguous acronym). */
  phrases: string[];
  /** Normalised url_hints: words joined by "-". */
  urlHints: string[];
  /** Negative cue categories that the service is itself about (council minutes for the council service…). */
  exemptFrom: NegativeCategory[];
  /** Kinds of page that are the service itself, from its name (a job offer for "Offres d'emploi du département"). */
  genre: NegativeCategory[];
}

export interface ServicePhrase {
  service: string;
}

/** What createDetector compiles once for a referential and a set of competence kinds. */
export interface CompiledReferential {
  services: ReadonlyMap<string, ServiceTarget>;
  phraseMatcher: PhraseMatcher<ServicePhrase>;
  /** url hint → services. */
  urlHints: ReadonlyMap<string, string[]>;
  platforms: PlatformIndex;
  /** Names of platforms as written in prose ("Démarches simplifiées", "PayFiP", "caf.fr"). */
  platformNames: PhraseMatcher<Platform>;
}

export interface DetectionContext extends CompiledReferential {
  analysis: PageAnalysis;
}

export type Detector = (page: PageContent, ctx: DetectionContext) => Signal[];

export interface ServiceEvidence {
  url: string;
  /** Service phrases found on the page. */
  phrases: string[];
  /** Level signals that decided the level, e.g. "online_procedure: faire votre demande en ligne". */
  signals: string[];
  /** E-service platform through which the service is offered. */
  platform?: string;
  /** National service or third party that handles the démarche (CAF, ANTS, service-public…). */
  thirdParty?: string;
}

export interface ServiceDetection {
  serviceKey: string;
  level: DigitalisationLevel;
  /** 0–1: confidence that the page is about the service at this level. */
  confidence: number;
  evidence: ServiceEvidence;
}

export interface FailedDetector {
  detector: string;
  error: string;
}

export interface PageDetection {
  url: string;
  detections: ServiceDetection[];
  failedDetectors: FailedDetector[];
}
