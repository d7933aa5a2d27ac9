import { simulatedSitesOfEdition } from '../../audits/simulated-sites.ts';
import type { Executor } from '../../db/transaction.ts';
import type { FindingsSection } from '../../indicators/findings/findings.rules.ts';
import {
  editionFindingsOf,
  editionIndicatorRun,
  listAuthorityIndicators,
  type StoredIndicatorRun,
} from '../../indicators/indicators.service.ts';
import type { AuthorityIndicators } from '../../indicators/indicators.types.ts';
import { analyseInitiatives, type InitiativesAnalysis } from '../../initiatives/analysis/analysis.rules.ts';
import { initiativeFindings } from '../../initiatives/analysis/findings.ts';
import { publishedInitiativeDomains } from '../../initiatives/analysis/published-domains.query.ts';
import { shippedTaxonomy } from '../../initiatives/domains.ts';
import {
  type CampaignResults,
  editionCampaignResults,
} from '../../surveys/analysis/campaign-results.service.ts';
import { type DepartementIndexRow, departementIndexes } from './departement-index.query.ts';

/**
 * Everything the edition report shows, read from the stored indicators of the edition (never
 * recomputed: the report prints the figures the site and the exports publish).
 */
export interface ReportData {
  run: StoredIndicatorRun;
  findings: FindingsSection[];
  authorities: AuthorityIndicators[];
  departements: DepartementIndexRow[];
  /** Sites of the edition audited on the simulated farm: the report then says its data is fictitious. */
  simulatedSites: number;
  /** Campaigns of the edition's year with responses, as /enquetes/{slug} publishes them; null when none. */
  surveys: CampaignResults[] | null;
  initiatives: ReportInitiatives | null;
  generatedAt: Date;
}

export interface ReportInitiatives {
  analysis: InitiativesAnalysis;
  findings: string[];
  domainLabel: (key: string) => string;
}

export async function loadReportData(db: Executor, year: number, now: Date): Promise<ReportData> {
  const run = await editionIndicatorRun(db, year);
  const [findings, authorities, departements, simulated, surveys, initiatives] = await Promise.all([
    editionFindingsOf(db, { year }),
    listAuthorityIndicators(db, year),
    departementIndexes(db, run.edition.id),
    simulatedSitesOfEdition(db, run.edition.id),
    editionCampaignResults(db, year),
    initiativesOf(db, year),
  ]);
  return {
    run,
    findings,
    authorities,
    departements,
    simulatedSites: simulated.size,
    surveys: surveys.length === 0 ? null : surveys,
    initiatives,
    generatedAt: now,
  };
}

/** The published initiatives of the edition's year, or null when there are none. */
async function initiativesOf(db: Executor, year: number): Promise<ReportInitiatives | null> {
  const rows = await publishedInitiativeDomains(db, { year });
  if (rows.length === 0) return null;
  const taxonomy = shippedTaxonomy();
  const analysis = analyseInitiatives(
    rows,
    taxonomy.domains.map((domain) => domain.key),
  );
  return {
    analysis,
    findings: initiativeFindings(analysis, taxonomy, year),
    domainLabel: (key) => taxonomy.domains.find((domain) => domain.key === key)?.label ?? key,
  };
}
