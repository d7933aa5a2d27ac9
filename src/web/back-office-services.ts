import type { UserListItem } from '../accounts/users.repository.ts';
import type { CrawlState } from '../audits/background-crawls.ts';
import type { CrawlProgress } from '../audits/crawl-progress.query.ts';
import type { AssessmentRow, AuthorityKind, ContestRow, EditionRow, UserRole } from '../db/schema.ts';
import type { PublicationResult } from '../editions/publication.service.ts';
import type { ComputeSummary } from '../indicators/indicators.service.ts';
import type { Classification } from '../initiatives/classification/classifier.ts';
import type { InitiativeDetail } from '../initiatives/initiatives.service.ts';
import type { AuthorityRef } from '../territories/authority-refs.ts';
import type { WebsiteChange } from '../territories/websites.repository.ts';

/**
 * What the back-office pages of editions, authority space and accounts ask of the domains,
 * wired in src/main/back-office-services.ts. `actor` is the signed-in person's e-mail: every
 * change is logged with it by the service that makes it.
 */
export interface EditionAdminServices {
  referentialVersions(): Promise<string[]>;
  create(input: { year: number; referentialVersion: string }, actor: string): Promise<EditionRow>;
  /** Starts a crawl in the background; all authorities with a website unless some are named. */
  startCrawl(input: { year: number; authorityIds?: number[]; actor: string }): Promise<{ sites: number }>;
  crawlState(year: number): Promise<CrawlState>;
  crawlProgress(editionId: number): Promise<CrawlProgress | undefined>;
  compute(year: number, actor: string): Promise<ComputeSummary>;
  publish(year: number, actor: string): Promise<PublicationResult>;
  correctWebsite(input: {
    authorityId: number;
    url: string;
    actor: string;
    source: 'admin' | 'authority';
  }): Promise<{ url: string; change: WebsiteChange }>;
  /** Interrupts crawls in progress when the server stops; they resume on the next start. */
  stopCrawls(): Promise<void>;
}

export interface AuthoritySpaceServices {
  authorities(ids: readonly number[]): Promise<AuthorityRef[]>;
  /** Services of the referential the authority exercises, in order, for the declaration form. */
  applicableServices(
    authorityId: number,
    referentialVersion: string,
  ): Promise<{ id: number; name: string; themeName: string }[]>;
  declare(input: {
    editionId: number;
    authorityId: number;
    serviceId: number;
    level: number;
    evidenceUrl: string;
    comment: string;
    declaredBy: string;
  }): Promise<AssessmentRow>;
  contest(input: {
    authorityId: number;
    assessmentId: number;
    justification: string;
    requestedLevel: number | null;
    contact: string;
  }): Promise<ContestRow>;
  contestsOf(editionId: number, authorityId: number): Promise<ContestRow[]>;
}

export interface UserAdminServices {
  list(): Promise<UserListItem[]>;
  /** Creates the account and mails it a link to choose its password; `origin` prefixes that link. */
  create(
    input: { email: string; name: string; role: UserRole; authorityIds: number[] },
    actor: string,
    origin: string,
  ): Promise<{ id: number }>;
  disable(userId: number, actor: string): Promise<void>;
  sendPasswordReset(userId: number, actor: string, origin: string): Promise<void>;
  /** Authorities of a kind named by their codes, or a French error naming the unknown code. */
  authoritiesByCode(kind: AuthorityKind, codes: readonly string[]): Promise<AuthorityRef[]>;
}

/** Submission by representatives and moderation by analysts; each service call logs its change. */
export interface InitiativeAdminServices {
  submit(
    input: {
      authorityId: number;
      title: string;
      description: string;
      year: string;
      url: string;
      contact: string;
      suggestedDomains: readonly string[];
    },
    actor: string,
  ): Promise<{ id: number; classification: Classification }>;
  /** Initiatives waiting for moderation, oldest first, each with its classification history. */
  pending(): Promise<InitiativeDetail[]>;
  detail(id: number): Promise<InitiativeDetail>;
  moderate(
    input: { id: number; decision: 'published' | 'rejected'; reason: string },
    actor: string,
  ): Promise<void>;
  overrideDomains(
    input: { id: number; domains: readonly string[]; comment: string },
    actor: string,
  ): Promise<void>;
}

export interface BackOfficeServices {
  editionAdmin: EditionAdminServices;
  authoritySpace: AuthoritySpaceServices;
  userAdmin: UserAdminServices;
  initiativeAdmin: InitiativeAdminServices;
}
