import type { AssessedService } from '../assessments/assessments.repository.ts';
import type { DepartementCount } from '../assessments/end-to-end-by-departement.query.ts';
import type { SiteAuditOverview } from '../audits/audits.repository.ts';
import type { AuthorityKind, EditionRow } from '../db/schema.ts';
import type { FindingsSection } from '../indicators/findings/findings.rules.ts';
import type { StoredIndicatorRun } from '../indicators/indicators.service.ts';
import type { RankingFilter, RankingPage } from '../indicators/queries/ranking-page.query.ts';
import type { DatasetEntry } from '../reports/exports/open-data.service.ts';
import type { AuthorityListFilter, AuthorityPage } from '../territories/authority-list.repository.ts';
import type { AuthorityProfile } from '../territories/authority-profile.repository.ts';
import type { SearchHit } from '../territories/authority-search.rules.ts';
import type { WebAccounts } from './session/web-accounts.ts';

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
  /** An edition's stored indicators and their findings in French; undefined until computed. */
  editionIndicators(
    year: number,
  ): Promise<{ run: StoredIndicatorRun; findings: FindingsSection[] } | undefined>;
  /** One page (or, without `page`, all) of an edition's authorities by their indicators. */
  rankingPage(filter: RankingFilter): Promise<RankingPage>;
  /** An edition's open data, as `barometre export` writes it; undefined for what does not exist. */
  openData: {
    datasets(year: number): Promise<DatasetEntry[] | undefined>;
    csv(year: number, table: string): Promise<ReadableStream<Uint8Array> | undefined>;
    schema(year: number, table: string): Promise<object | undefined>;
    dataPackage(year: number): Promise<object | undefined>;
  };
  /** Sessions, sign-in, password reset and the audit log, for the back office. */
  accounts: WebAccounts;
}
