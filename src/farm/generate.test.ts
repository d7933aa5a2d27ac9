import { beforeAll, describe, expect, it } from 'vitest';
import type { Referential } from '../referential/referential.schema.ts';
import type { Farm } from './farm.types.ts';
import { farmFingerprint, shippedReferential } from './farm-fixtures.ts';
import { generateFarm } from './generate.ts';
import { levelCounts, levelDistribution } from './ground-truth.ts';
import { farmGet } from './in-memory-client.ts';

let referential: Referential;
let departements: Farm;

beforeAll(async () => {
  referential = await shippedReferential();
  departements = generateFarm({ seed: 1, sites: 101, referential, pagesPerSite: 60 });
});

describe('generateFarm determinism', () => {
  it('gives byte-identical sites for the same seed', () => {
    const first = generateFarm({ seed: 7, sites: 6, referential });
    const second = generateFarm({ seed: 7, sites: 6, referential });
    expect(farmFingerprint(second)).toBe(farmFingerprint(first));
    expect(second.groundTruthJson()).toBe(first.groundTruthJson());
  });

  it('gives different sites for another seed', () => {
    const first = generateFarm({ seed: 7, sites: 6, referential });
    const other = generateFarm({ seed: 8, sites: 6, referential });
    expect(farmFingerprint(other)).not.toBe(farmFingerprint(first));
  });
});

describe('generateFarm distribution', () => {
  it('is skewed like France: a few sites rich in end-to-end services, about half poor', () => {
    const distribution = levelDistribution(departements.sites);
    expect(distribution.sites).toBe(101);
    expect(distribution.sitesOver50EndToEnd).toBeGreaterThanOrEqual(3);
    expect(distribution.sitesOver50EndToEnd).toBeLessThanOrEqual(10);
    expect(distribution.sitesUnder10EndToEnd).toBeGreaterThanOrEqual(40);
    expect(distribution.sitesUnder10EndToEnd).toBeLessThanOrEqual(65);
  });

  it('offers only services that apply to the site’s kind, each once', () => {
    const applicable = new Set(
      referential.services.filter((s) => s.applies_to.includes('departement')).map((s) => s.key),
    );
    for (const site of departements.sites) {
      const keys = site.groundTruth.services.map((service) => service.serviceKey);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(applicable.has(key)).toBe(true);
      expect(site.groundTruth.applicableServices).toBe(applicable.size);
    }
  });

  it('makes commune farms from the commune services', () => {
    const communes = generateFarm({ seed: 3, sites: 5, referential, kind: 'commune', pagesPerSite: 40 });
    const applicable = new Set(
      referential.services.filter((s) => s.applies_to.includes('commune')).map((s) => s.key),
    );
    for (const site of communes.sites) {
      expect(site.kind).toBe('commune');
      expect(new URL(site.homeUrl).hostname).toMatch(/\.test$/);
      for (const service of site.groundTruth.services) expect(applicable.has(service.serviceKey)).toBe(true);
      expect(levelCounts(site).reduce((a, b) => a + b, 0)).toBe(applicable.size);
    }
  });

  it('sizes sites near the page budget', () => {
    const farm = generateFarm({ seed: 1, sites: 10, referential });
    for (const site of farm.sites) {
      expect(site.groundTruth.pageCount).toBeGreaterThan(110);
      expect(site.groundTruth.pageCount).toBeLessThan(200);
    }
  });
});

describe('generateFarm hosts', () => {
  it('uses fictional hosts under .test by default', () => {
    const site = departements.sites[0];
    expect(site?.code).toBe('01');
    expect(site?.hosts[0]).toMatch(/^(www\.)?departement-01\.test$/);
    expect(departements.platformHosts).toContain('www.demarches-simplifiees.fr');
    expect(departements.platformHosts).toContain('www.payfip.gouv.fr');
  });

  it('serves the départements at their real hosts on demand, Corsica and Alsace sharing one site', () => {
    const real = generateFarm({ seed: 1, sites: 101, referential, useRealHosts: true, pagesPerSite: 30 });
    expect(real.sites).toHaveLength(101);
    const ain = real.sites.find((site) => site.code === '01');
    expect(ain?.homeUrl).toBe('https://www.ain.fr/');
    const loire = real.sites.find((site) => site.code === '42');
    expect(loire?.homeUrl).toBe('https://www.loire.fr/jcms/lw_1299656/fr/accueil');
    expect(farmGet(real, loire?.homeUrl ?? '').status).toBe(200);
    const corse = real.sites.filter((site) => site.code === '2A' || site.code === '2B');
    expect(corse.map((site) => site.hosts[0])).toEqual(['www.isula.corsica', 'www.isula.corsica']);
    expect(corse[1]?.aliasOf).toBe('2A');
    for (const site of real.sites.slice(0, 10)) {
      const home = farmGet(real, site.homeUrl, { followRedirects: true });
      expect(home.text).toContain('Site simulé');
    }
  });
});
