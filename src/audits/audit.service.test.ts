import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { EDITION_YEAR, type FarmAuditSetup, setUpFarmAudit } from '../../test/support/farm-audit.ts';
import type { Database } from '../db/database.ts';
import { compareWithTruth, formatComparison } from '../farm/truth-comparison.ts';
import { PORTAL_CHECK_KEYS } from '../portal/portal.types.ts';
import { listAuditTargets } from '../territories/audit-targets.ts';
import { type AuditReport, runAudit } from './audit.service.ts';
import { applicableServices } from './proposals.rules.ts';

const LIMITS = {
  maxPages: 300,
  maxDepth: 8,
  maxBytes: 2_000_000,
  requestTimeoutMs: 5_000,
  siteTimeoutMs: 60_000,
};

async function auditFarm(database: Database, setup: FarmAuditSetup, now: string): Promise<AuditReport> {
  return runAudit(
    { db: database.db, ...setup.runtime, now: () => new Date(now) },
    {
      editionYear: EDITION_YEAR,
      targets: await listAuditTargets(database.db, { kind: 'departement' }),
      limits: LIMITS,
      siteConcurrency: 3,
      perSiteConcurrency: 4,
      simulated: true,
    },
  );
}

describe.each(TEST_ENGINES)('audit of the fixture farm on %s', (engine) => {
  let database: Database;
  let setup: FarmAuditSetup;
  let report: AuditReport;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    setup = await setUpFarmAudit(database, { seed: 11, sites: 6, pagesPerSite: 60 });
    report = await auditFarm(database, setup, '2026-11-21T12:00:00Z');
  });
  afterAll(async () => {
    await setup?.close();
    await database?.close();
  });

  const currentLevels = async () => {
    const rows = await database.db
      .selectFrom('current_assessments as a')
      .innerJoin('authorities as au', 'au.id', 'a.authority_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select(['au.code', 's.key', 'a.level', 'a.source'])
      .execute();
    return new Map(rows.map((r) => [`${r.code}:${r.key}`, r]));
  };

  it('audits every site to the end and proposes a level for every applicable service', async () => {
    expect(report.errors).toEqual([]);
    expect(report.sitesDone).toBe(6);
    expect(report.failedSites).toBe(0);
    expect(report.interrupted).toBe(false);
    const departementServices = applicableServices(setup.referential.services, ['departement']);
    expect(report.proposals).toBe(6 * departementServices.length);
    const levels = await currentLevels();
    expect(levels.size).toBe(6 * departementServices.length);
    expect([...levels.values()].every((row) => row.source === 'crawler')).toBe(true);
  });

  it('finds the farm’s ground truth: services present and their level', async () => {
    const levels = await currentLevels();
    const keys = applicableServices(setup.referential.services, ['departement']).map((s) => s.key);
    const comparison = compareWithTruth(
      setup.farm.sites,
      () => keys,
      (code, key) => levels.get(`${code}:${key}`)?.level ?? 0,
    );
    console.log(`[${engine}] audit vs ground truth\n${formatComparison(comparison).join('\n')}`);
    expect(comparison.presence.recall).toBeGreaterThan(0.85);
    expect(comparison.presence.precision).toBeGreaterThan(0.85);
    expect(comparison.levelAccuracy).toBeGreaterThan(0.75);
  });

  it('stores every portal check for every site, and finds which sites use https', async () => {
    const checks = await database.db
      .selectFrom('portal_checks as c')
      .innerJoin('audit_site_authorities as l', 'l.site_id', 'c.site_id')
      .innerJoin('authorities as a', 'a.id', 'l.authority_id')
      .select(['a.code', 'c.key', 'c.outcome'])
      .execute();
    expect(checks).toHaveLength(6 * PORTAL_CHECK_KEYS.length);
    for (const site of setup.farm.sites) {
      const https = checks.find((c) => c.code === site.code && c.key === 'https');
      expect(https?.outcome, site.code).toBe(site.groundTruth.portal.https ? 'pass' : 'fail');
    }
  });

  it('keeps pages small once a site is concluded, and records every fetch with its status', async () => {
    const pages = await database.db.selectFrom('audit_pages').select(['status', 'portal_facts']).execute();
    expect(pages.length).toBe(report.pages);
    expect(pages.every((p) => p.portal_facts === null)).toBe(true);
    expect(pages.filter((p) => p.status === 'ok').length).toBeGreaterThan(6 * 40);
  });

  it('adds nothing when the same sites are audited again and found the same', async () => {
    const before = await database.db.selectFrom('assessments').select('id').execute();
    const again = await auditFarm(database, setup, '2026-11-22T12:00:00Z');
    expect(again.resumed).toBe(false);
    expect(again.proposals).toBe(0);
    expect(await database.db.selectFrom('assessments').select('id').execute()).toHaveLength(before.length);
  });
});
