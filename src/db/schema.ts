import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types of the one schema shared by SQLite and PostgreSQL (see migrations/).
 * Timestamps are ISO 8601 UTC strings and structured values are JSON text on both engines,
 * so that rows read the same whichever engine stores them (docs/adr/0002).
 */

/** ISO 8601 UTC timestamp, e.g. "2026-11-21T23:01:24.000Z". */
export type Timestamp = string;
/** JSON document stored as text; parse with the type given in the column comment. */
export type JsonText = string;

export type AuthorityKind = 'region' | 'departement' | 'collectivite_unique' | 'epci' | 'commune';
export const AUTHORITY_KINDS: readonly AuthorityKind[] = [
  'region',
  'departement',
  'collectivite_unique',
  'epci',
  'commune',
];

export type EditionStatus = 'draft' | 'published';
export type AssessmentSource = 'crawler' | 'analyst' | 'survey' | 'declared';
export const ASSESSMENT_SOURCES: readonly AssessmentSource[] = ['crawler', 'analyst', 'survey', 'declared'];

export interface ReferentialVersionsTable {
  version: string;
  checksum: string;
  loaded_at: Timestamp;
}

export interface ThemesTable {
  id: Generated<number>;
  referential_version: string;
  key: string;
  name: string;
  description: string;
  /** JSON array of competence kinds. */
  applies_to: JsonText;
  position: number;
}

export interface ServicesTable {
  id: Generated<number>;
  referential_version: string;
  key: string;
  theme_key: string;
  name: string;
  description: string;
  /** JSON array of competence kinds. */
  applies_to: JsonText;
  /** JSON array of French phrases naming the service. */
  phrases: JsonText;
  /** JSON array of URL path fragments. */
  url_hints: JsonText;
  position: number;
}

export interface EditionsTable {
  id: Generated<number>;
  year: number;
  title: string;
  referential_version: string;
  status: EditionStatus;
  created_at: Timestamp;
  published_at: Timestamp | null;
}

export interface AuthoritiesTable {
  id: Generated<number>;
  kind: AuthorityKind;
  /** INSEE code (région, département, commune), SIREN for EPCI, COG code for collectivités. */
  code: string;
  siren: string | null;
  name: string;
  region_code: string | null;
  departement_code: string | null;
  /** SIREN of the EPCI à fiscalité propre a commune belongs to. */
  epci_siren: string | null;
  /** The authority whose council governs this territory, when it is another row (e.g. 2A → Corse). */
  council_id: number | null;
  /** JSON array of competence kinds the authority exercises. */
  competences: JsonText;
  population: number | null;
  population_year: number | null;
  status_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuthorityWebsitesTable {
  id: Generated<number>;
  authority_id: number;
  url: string;
  source: string;
  added_at: Timestamp;
  /** Set when another URL replaced this one; the current website has none. */
  retired_at: Timestamp | null;
}

export interface AuthorityFinancesTable {
  id: Generated<number>;
  authority_id: number;
  year: number;
  /** Recettes réelles de fonctionnement, in euros. */
  operating_revenue: number;
  source: string;
  imported_at: Timestamp;
}

export interface AssessmentsTable {
  id: Generated<number>;
  edition_id: number;
  authority_id: number;
  service_id: number;
  level: number;
  channel: string | null;
  platform: string | null;
  evidence_url: string | null;
  /** JSON object: matched phrases, signals, notes. */
  evidence: JsonText;
  source: AssessmentSource;
  confidence: number | null;
  reviewer: string | null;
  comment: string | null;
  /** The assessment this one replaces; history is never overwritten. */
  supersedes_id: number | null;
  created_at: ColumnType<Timestamp, Timestamp, never>;
}

export type AuditRunStatus = 'running' | 'completed' | 'interrupted' | 'failed';
export type AuditSiteStatus = 'pending' | 'running' | 'done' | 'failed';

export interface AuditRunsTable {
  id: Generated<number>;
  edition_id: number;
  status: AuditRunStatus;
  /** JSON: limits, politeness, user agent and scope of the run. */
  options: JsonText;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface AuditSitesTable {
  id: Generated<number>;
  run_id: number;
  start_url: string;
  status: AuditSiteStatus;
  pages: Generated<number>;
  /** JSON SiteCrawlSummary: pages by fetch status, skipped URLs by reason, duration, truncation. */
  summary: JsonText | null;
  error: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** The authorities whose website an audited site is (several when they share one). */
export interface AuditSiteAuthoritiesTable {
  site_id: number;
  authority_id: number;
}

export interface AuditPagesTable {
  id: Generated<number>;
  site_id: number;
  url: string;
  final_url: string;
  depth: number;
  /** One of the fetch statuses of src/crawl/crawl.types.ts. */
  status: string;
  http_status: number | null;
  content_type: string | null;
  charset: string | null;
  bytes: number;
  elapsed_ms: number;
  content_hash: string | null;
  platform: string | null;
  /** 'http', or 'browser' when Chromium rendered the page (docs/adr/0004). */
  rendered_with: ColumnType<string, string | undefined, string>;
  title: string | null;
  /** JSON array of the URLs this page added to the crawl frontier (to resume an interrupted crawl). */
  enqueued: JsonText;
  /** JSON: the small facts portal checks need from this page. */
  portal_facts: JsonText | null;
  error: string | null;
  fetched_at: Timestamp;
}

export interface AuditFindingsTable {
  id: Generated<number>;
  site_id: number;
  page_id: number;
  service_id: number;
  level: number;
  confidence: number;
  /** JSON: matched phrases, signals, platform, third party. */
  evidence: JsonText;
}

export interface PortalChecksTable {
  id: Generated<number>;
  site_id: number;
  key: string;
  outcome: 'pass' | 'warn' | 'fail' | 'unknown';
  value: string | null;
  summary: string;
  details: JsonText;
  evidence: JsonText;
}

export interface Schema {
  referential_versions: ReferentialVersionsTable;
  themes: ThemesTable;
  services: ServicesTable;
  editions: EditionsTable;
  authorities: AuthoritiesTable;
  authority_websites: AuthorityWebsitesTable;
  authority_finances: AuthorityFinancesTable;
  assessments: AssessmentsTable;
  /** View: the assessments no later row supersedes, i.e. the current one per (edition, authority, service). */
  current_assessments: AssessmentsTable;
  audit_runs: AuditRunsTable;
  audit_sites: AuditSitesTable;
  audit_site_authorities: AuditSiteAuthoritiesTable;
  audit_pages: AuditPagesTable;
  audit_findings: AuditFindingsTable;
  portal_checks: PortalChecksTable;
}

export type AuthorityRow = Selectable<AuthoritiesTable>;
export type NewAuthority = Insertable<AuthoritiesTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type EditionRow = Selectable<EditionsTable>;

// Review workflow (migrations/0003-review-workflow.ts, docs/review-workflow.md).

/** What a review did to the assessment chain. */
export type ReviewAction =
  | 'confirmed'
  | 'corrected'
  | 'evidence_added'
  | 'evidence_replaced'
  | 'added'
  | 'arbitrated'
  | 'contest_accepted'
  | 'erratum';
export const REVIEW_ACTIONS: readonly ReviewAction[] = [
  'confirmed',
  'corrected',
  'evidence_added',
  'evidence_replaced',
  'added',
  'arbitrated',
  'contest_accepted',
  'erratum',
];

/** One row per assessment a person appended: who, when, what, from which row to which. */
export interface ReviewEventsTable {
  id: Generated<number>;
  edition_id: number;
  authority_id: number;
  service_id: number;
  action: ReviewAction;
  /** E-mail address of the analyst, arbiter or decider. */
  actor: string;
  /** The assessment that was current before; null when the service had none. */
  before_assessment_id: number | null;
  /** The assessment this action appended. */
  after_assessment_id: number;
  level_before: number | null;
  level_after: number;
  comment: string | null;
  /** JSON object: evidence added, blind review and arbitration, contest or erratum ids. */
  details: JsonText;
  created_at: Timestamp;
}

/** A second analyst's assessment made without seeing the first analyst's level. */
export interface BlindReviewsTable {
  id: Generated<number>;
  edition_id: number;
  authority_id: number;
  service_id: number;
  /** The first analyst's assessment, hidden from the blind reviewer; one blind review each. */
  first_assessment_id: number;
  /** The crawler proposal the blind reviewer saw; null when an analyst added the service. */
  proposal_assessment_id: number | null;
  reviewer: string;
  level: number;
  evidence_url: string | null;
  comment: string | null;
  created_at: Timestamp;
}

/** A third analyst's decision between a first review and a blind review that disagree. */
export interface ArbitrationsTable {
  id: Generated<number>;
  blind_review_id: number;
  first_assessment_id: number;
  arbiter: string;
  level: number;
  comment: string;
  /** The assessment the decision appended, current after arbitration. */
  assessment_id: number;
  created_at: Timestamp;
}

export interface EditionPublicationsTable {
  edition_id: number;
  published_by: string;
  published_at: Timestamp;
  /** JSON: assessments frozen, by source; open contests and pending disagreements at publication. */
  summary: JsonText;
}

export type ContestStatus = 'open' | 'accepted' | 'rejected';

/** An authority's right of reply to one of its assessments. */
export interface ContestsTable {
  id: Generated<number>;
  /** The assessment contested (current when the contest was filed). */
  assessment_id: number;
  edition_id: number;
  authority_id: number;
  service_id: number;
  /** The level the authority claims, when it says. */
  requested_level: number | null;
  justification: string;
  /** How to reach the person who contests (not published). */
  contact: string;
  status: ContestStatus;
  decided_level: number | null;
  decision: string | null;
  decider: string | null;
  decided_at: Timestamp | null;
  /** The assessment current after an accepted contest (appended, or through an erratum). */
  resulting_assessment_id: number | null;
  created_at: Timestamp;
}

/** The only way to change an assessment of a published edition; published with it. */
export interface ErrataTable {
  id: Generated<number>;
  edition_id: number;
  authority_id: number;
  service_id: number;
  /** The published assessment corrected; null when the service had none. */
  before_assessment_id: number | null;
  level_before: number | null;
  level_after: number;
  evidence_url: string | null;
  reason: string;
  author: string;
  /** The contest whose acceptance this erratum carries out, if any. */
  contest_id: number | null;
  /** The assessment the erratum appended (null only inside the transaction that writes both). */
  assessment_id: number | null;
  created_at: Timestamp;
}

export interface Schema {
  review_events: ReviewEventsTable;
  blind_reviews: BlindReviewsTable;
  arbitrations: ArbitrationsTable;
  edition_publications: EditionPublicationsTable;
  contests: ContestsTable;
  errata: ErrataTable;
}

export type ReviewEventRow = Selectable<ReviewEventsTable>;
export type BlindReviewRow = Selectable<BlindReviewsTable>;
export type ArbitrationRow = Selectable<ArbitrationsTable>;
export type ContestRow = Selectable<ContestsTable>;
export type ErratumRow = Selectable<ErrataTable>;

// Accounts and access (migrations/0006-accounts.ts, docs/access-control.md).

export type UserRole = 'admin' | 'analyst' | 'authority';
export const USER_ROLES: readonly UserRole[] = ['admin', 'analyst', 'authority'];

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased: the sign-in identifier. */
  email: string;
  name: string;
  role: UserRole;
  /** scrypt$N$r$p$salt$hash (src/accounts/passwords.ts). */
  password_hash: string;
  /** Consecutive failed sign-ins since the last success. */
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserAuthoritiesTable {
  user_id: number;
  authority_id: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: the token itself is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  /** Where the attempt came from (IP address), for throttling. */
  client: string;
  /** 1 or 0 (SQLite has no boolean). */
  succeeded: number;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  /** E-mail of the person, or "cli" / "system". */
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON of the entity before and after the change; null when it did not exist. */
  before: JsonText | null;
  after: JsonText | null;
}

export type UserRow = Selectable<UsersTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

export interface Schema {
  users: UsersTable;
  user_authorities: UserAuthoritiesTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}

// Initiatives registry (migrations/0005-initiatives.ts, docs/initiatives.md).

/** Where the initiative stands as a project (not its moderation). */
export type InitiativeProgress = 'planned' | 'in_progress' | 'completed' | 'abandoned';
export const INITIATIVE_PROGRESS: readonly InitiativeProgress[] = [
  'planned',
  'in_progress',
  'completed',
  'abandoned',
];
export type ModerationDecision = 'published' | 'rejected';
export type InitiativeClassificationSource = 'classifier' | 'analyst' | 'import';

/** A digital initiative of an authority, as submitted or imported; moderation is apart. */
export interface InitiativesTable {
  id: Generated<number>;
  authority_id: number;
  title: string;
  description: string;
  /** Year the initiative started (or was reported for). */
  year: number;
  url: string | null;
  progress: InitiativeProgress;
  /** Who to contact about it (name or e-mail); not published. */
  contact: string | null;
  /** "submission" or "import:<file>". */
  source: string;
  /** E-mail of whoever submitted or imported it. */
  submitted_by: string;
  created_at: Timestamp;
}

/** The decision on a submitted initiative; none while it waits. A rejection says why. */
export interface InitiativeModerationsTable {
  id: Generated<number>;
  initiative_id: number;
  decision: ModerationDecision;
  moderator: string;
  reason: string | null;
  created_at: Timestamp;
}

/** One classification of an initiative into domains; an override supersedes the previous one. */
export interface InitiativeClassificationsTable {
  id: Generated<number>;
  initiative_id: number;
  source: InitiativeClassificationSource;
  classifier_version: string | null;
  analyst: string | null;
  comment: string | null;
  /** JSON object: deciding words per domain and every domain's probability (classifier). */
  evidence: JsonText;
  supersedes_id: number | null;
  created_at: Timestamp;
}

/** The domains of a classification, rank 1 the main one. */
export interface InitiativeClassificationDomainsTable {
  classification_id: number;
  domain: string;
  rank: number;
  confidence: number | null;
}

export interface Schema {
  initiatives: InitiativesTable;
  initiative_moderations: InitiativeModerationsTable;
  initiative_classifications: InitiativeClassificationsTable;
  /** View: the classifications no other supersedes. */
  current_initiative_classifications: InitiativeClassificationsTable;
  initiative_classification_domains: InitiativeClassificationDomainsTable;
}

// Indicators (migrations/0004-indicators.ts, docs/methodology.md « Indicateurs »).

/** How an authority's change since the previous edition can be read. */
export type ChangeStatus = 'comparable' | 'not_comparable' | 'new' | 'none';
export type PreviousComparability = 'comparable' | 'referential_changed' | 'method_changed';

/** One computation of an edition's indicators; a recompute replaces it. */
export interface IndicatorRunsTable {
  id: Generated<number>;
  edition_id: number;
  /** Version of the indicator method file (data/indicators/<version>.yaml). */
  method_version: string;
  /** JSON IndicatorMethod: index weights, portal points, distribution thresholds used. */
  method: JsonText;
  referential_version: string;
  /** The latest earlier edition with computed indicators, if any. */
  previous_edition_id: number | null;
  /** Whether changes since the previous edition can be read; null without a previous edition. */
  previous_comparability: PreviousComparability | null;
  /** Authorities in the edition's panel. */
  authorities: number;
  /** JSON EditionAggregates: distributions, theme coverage and ranking, correlations, per kind. */
  aggregates: JsonText;
  computed_at: Timestamp;
  duration_ms: number;
}

/** One authority's indicators in an edition (one row per authority of the panel). */
export interface AuthorityIndicatorsTable {
  edition_id: number;
  authority_id: number;
  /** Kind of authority: rankings compare authorities of the same kind. */
  kind: AuthorityKind;
  /** Peer group « kind:stratum » (src/indicators/strata.ts); null when the population is unknown. */
  peer_group: string | null;
  population: number | null;
  /** Recettes réelles de fonctionnement (euros) of the latest year up to the edition's year. */
  operating_revenue: number | null;
  revenue_year: number | null;
  /** Operating revenue divided by population, in euros. */
  revenue_per_inhabitant: number | null;
  /** 1 when the authority has a current website or an audited site in the edition. */
  has_website: number;
  /** Services of the referential that apply to the authority's competences. */
  services_applicable: number;
  /** Applicable services with a current assessment; the others count at level 0. */
  services_assessed: number;
  level_0: number;
  level_1: number;
  level_2: number;
  level_3: number;
  level_4: number;
  /** Services digitalised end to end (level 4). */
  end_to_end: number;
  /** Services partially digitalised (levels 2 and 3). */
  partial: number;
  /** Themes with at least one applicable service. */
  themes_applicable: number;
  /** Applicable themes with at least one service at level 2 or more. */
  themes_covered: number;
  /** JSON Record<theme key, { applicable, digitalised, endToEnd }> (digitalised: level ≥ 2). */
  theme_rates: JsonText;
  /** Portal quality 0–100 from the latest audited site's checks; null when none was conclusive. */
  portal_score: number | null;
  /** Conclusive portal checks the score rests on. */
  portal_checks: number;
  /** Composite index 0–100 (one decimal), weights of the method. */
  index_score: number;
  /** 1 when a component was missing and the index rests on the others, reweighted. */
  index_partial: number;
  /** Competition rank of the index among authorities of the same kind (1 = best). */
  rank: number;
  rank_total: number;
  peer_rank: number | null;
  peer_total: number | null;
  /** Percentile rank of the index within the kind (mid-rank, 0–100). */
  percentile: number;
  previous_index: number | null;
  index_change: number | null;
  previous_end_to_end: number | null;
  end_to_end_change: number | null;
  change_status: ChangeStatus;
}

export interface Schema {
  indicator_runs: IndicatorRunsTable;
  authority_indicators: AuthorityIndicatorsTable;
}

export type IndicatorRunRow = Selectable<IndicatorRunsTable>;
export type AuthorityIndicatorsRow = Selectable<AuthorityIndicatorsTable>;

// Surveys (migrations/0007-surveys.ts, docs/surveys.md).

export type SurveyProfile = 'agent' | 'elu' | 'collectivite';
export const SURVEY_PROFILES: readonly SurveyProfile[] = ['agent', 'elu', 'collectivite'];

/** A questionnaire version: a template's SurveyJS JSON for one edition, never edited. */
export interface SurveyQuestionnairesTable {
  id: Generated<number>;
  /** Template name, e.g. « maturite-numerique » (data/surveys/<template>/). */
  template: string;
  /** Edition of the template, e.g. « 2026 ». */
  edition: string;
  title: string;
  /** JSON: the SurveyJS document as validated. */
  definition: JsonText;
  /** SHA-256 of the definition: storing the same edition with other content is refused. */
  checksum: string;
  created_at: Timestamp;
}

export interface SurveyCampaignsTable {
  id: Generated<number>;
  /** Public identifier, in the results' address: /enquetes/<slug>. */
  slug: string;
  title: string;
  questionnaire_id: number;
  /** Links stop working at this instant. */
  closes_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
}

/** A person invited to answer for an authority. */
export interface SurveyRecipientsTable {
  id: Generated<number>;
  campaign_id: number;
  authority_id: number;
  /** Never exported nor published. */
  email: string;
  profile: SurveyProfile;
  invited_at: Timestamp | null;
  reminded_at: Timestamp | null;
  reminders: Generated<number>;
  /** Set once, by the first submission: a second one changes nothing. */
  submitted_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SurveyLinksTable {
  /** SHA-256 of the link's token: the token itself is only in the e-mail. */
  token_hash: string;
  recipient_id: number;
  created_at: Timestamp;
}

export interface SurveyAnswersTable {
  recipient_id: number;
  /** Page name of the questionnaire. */
  page: string;
  /** JSON Answers of the page (src/surveys/answers.rules.ts). */
  answers: JsonText;
  saved_at: Timestamp;
}

export interface SurveyLinkAttemptsTable {
  id: Generated<number>;
  /** IP address the attempt came from. */
  client: string;
  succeeded: number;
  at: Timestamp;
}

export interface Schema {
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_recipients: SurveyRecipientsTable;
  survey_links: SurveyLinksTable;
  survey_answers: SurveyAnswersTable;
  survey_link_attempts: SurveyLinkAttemptsTable;
}

/** A job that failed after its last retry (migrations/0008-jobs.ts). */
export interface JobFailuresTable {
  id: Generated<number>;
  kind: string;
  /** The queue's id of the job: pg-boss's UUID, or the in-process queue's counter. */
  job_id: string;
  /** The job's payload as JSON, to replay it. */
  payload: string;
  attempts: number;
  error: string;
  failed_at: string;
}

/** An e-mail of a batch job, once sent (migrations/0008-jobs.ts). */
export interface MailDeliveriesTable {
  id: Generated<number>;
  batch_key: string;
  recipient: string;
  sent_at: string;
}

export interface Schema {
  job_failures: JobFailuresTable;
  mail_deliveries: MailDeliveriesTable;
}
