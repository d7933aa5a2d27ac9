import type { AssessedService } from '../assessments/assessments.repository.ts';
import type { DepartementCount } from '../assessments/end-to-end-by-departement.query.ts';
import type { ServiceRate } from '../assessments/theme-service-rates.query.ts';
import type { SiteAuditOverview } from '../audits/audits.repository.ts';
import type { AuthorityKind, EditionRow } from '../db/schema.ts';
import type { StoredIndicatorRun } from '../indicators/indicators.service.ts';
import type { AuthorityIndicators } from '../indicators/indicators.types.ts';
import type { AuthorityHistoryEntry } from '../indicators/queries/authority-history.query.ts';
import type { RankingFilter, RankingPage } from '../indicators/queries/ranking-page.query.ts';
import type { DomainTaxonomy } from '../initiatives/domains.ts';
import type { InitiativeSummary } from '../initiatives/initiatives.repository.ts';
import type { PublishedEntry } from '../initiatives/registry-view.rules.ts';
import type { ThemeSummary } from '../referential/themes.query.ts';
import type { DatasetEntry } from '../reports/exports/open-data.service.ts';
import type { ReportFile } from '../reports/report/report-files.ts';
import type { ReportFormat } from '../reports/report/report-generate.ts';
import type { AuthorityListFilter, AuthorityPage } from '../territories/authority-list.repository.ts';
import type { AuthorityProfile } from '../territories/authority-profile.repository.ts';
import type { SearchHit } from '../territories/authority-search.rules.ts';
import type {
  AuthoritySpaceServices,
  EditionAdminServices,
  InitiativeAdminServices,
  UserAdminServices,
} from './back-office-services.ts';
import type { SurveyAdminServices } from './routes/admin-survey-routes.ts';
import type { SurveyInvitationServices } from './routes/authority-survey-invitations.ts';
import type { WebSurveys } from './routes/survey-routes.ts';
import type { WebAccounts } from './session/web-accounts.ts';
import type { WebReview } from './web-review.ts';

/**
 * What the web layer may ask of the domains: read-only services wired in src/main/web.ts.
 * The web never sees the database; tests can hand it any implementation.
 */
export interface WebServices {
  currentEdition(): Promise<EditionRow | undefined>;
  listEditions(): Promise<EditionRow[]>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  authorityProfile(kind: AuthorityKind, code: string): Promise<AuthorityProfile | undefined>;
  /** Current assessments of an authority in an edition, by theme, with the site audit that produced them. */
  authorityAssessments(
    editionId: number,
    authorityId: number,
  ): Promise<{ services: AssessedService[]; audit: SiteAuditOverview | undefined }>;
  endToEndByDepartement(editionId: number): Promise<DepartementCount[]>;
  /** Current assessments of the edition per level, 0 to 4. */
  levelDistribution(editionId: number): Promise<{ level: number; count: number }[]>;
  /** Whether the edition's latest audit ran on the simulated web (every page then says so). */
  latestAuditRun(editionId: number): Promise<{ simulated: boolean } | undefined>;
  listAuthorities(filter: AuthorityListFilter): Promise<AuthorityPage>;
  /** One page (or, without `page`, all) of an edition's authorities by their indicators. */
  rankingPage(filter: RankingFilter): Promise<RankingPage>;
  /** An edition's open data, as `barometre export` writes it; undefined for what does not exist. */
  openData: {
    datasets(year: number): Promise<DatasetEntry[] | undefined>;
    csv(year: number, table: string): Promise<ReadableStream<Uint8Array> | undefined>;
    schema(year: number, table: string): Promise<object | undefined>;
    dataPackage(year: number): Promise<object | undefined>;
  };
  /** The edition's stored indicator run (aggregates included), undefined until computed. */
  indicatorRun(year: number): Promise<StoredIndicatorRun | undefined>;
  /** One authority's stored indicators with the edition's run; undefined if not computed or not in the panel. */
  authorityIndicators(
    year: number,
    kind: AuthorityKind,
    code: string,
  ): Promise<{ run: StoredIndicatorRun; indicators: AuthorityIndicators } | undefined>;
  /** An authority's stored indicators in every edition that has them, oldest first. */
  authorityHistory(authorityId: number): Promise<AuthorityHistoryEntry[]>;
  /** Stored indicators of every authority of a kind (or of one peer group) in an edition. */
  kindIndicators(year: number, kind: AuthorityKind, peerGroup?: string): Promise<AuthorityIndicators[]>;
  /** The edition reports `barometre report` generated (HTML, PDF), served as they are. */
  reports: {
    files(year: number): Promise<ReportFile[]>;
    read(year: number, format: ReportFormat): Promise<Buffer | undefined>;
  };
  /** The initiatives registry's public side: published initiatives only, never contacts. */
  initiatives: {
    published(): Promise<PublishedEntry[]>;
    /** An authority's published initiatives, latest year first. */
    ofAuthority(authorityId: number): Promise<InitiativeSummary[]>;
    taxonomy(): DomainTaxonomy;
  };
  /** Themes of a referential version with their services, in order. */
  themes(referentialVersion: string): Promise<ThemeSummary[]>;
  /** Per service of a theme: authorities of a kind assessed, digitalised and end to end. */
  themeServiceRates(input: {
    editionId: number;
    referentialVersion: string;
    themeKey: string;
    kind: AuthorityKind;
  }): Promise<ServiceRate[]>;
  /** Sessions, sign-in, password reset and the audit log, for the back office. */
  accounts: WebAccounts;
  /** Review queue, double review, arbitration and contests, for the back office. */
  review: WebReview;
  /** Back office: editions, an authority's space, accounts (src/web/back-office-services.ts). */
  editionAdmin: EditionAdminServices;
  authoritySpace: AuthoritySpaceServices;
  userAdmin: UserAdminServices;
  initiativeAdmin: InitiativeAdminServices;
  /** Survey collection and results pages; absent, those pages do not exist. */
  surveys?: WebSurveys;
  /** Survey back office (/admin/enquetes) and an authority's invitations; absent, not offered. */
  surveyAdmin?: SurveyAdminServices;
  surveyInvitations?: SurveyInvitationServices;
}
