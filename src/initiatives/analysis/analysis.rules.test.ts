import { describe, expect, it } from 'vitest';
import { shippedTaxonomy } from '../domains.ts';
import { analyseInitiatives } from './analysis.rules.ts';
import { initiativeFindings } from './findings.ts';
import type { PublishedDomainRow } from './published-domains.query.ts';

const DOMAINS = ['acces_inclusion', 'communication', 'securite'];

/** Rows of the query for initiatives described as [authority, population, domains…]. */
function rows(
  initiatives: [number, number | null, ...string[]][],
  kind: 'commune' | 'departement' = 'commune',
) {
  const result: PublishedDomainRow[] = [];
  initiatives.forEach(([authorityId, population, ...domains], index) => {
    domains.forEach((domain, rank) => {
      result.push({ initiativeId: index + 1, authorityId, kind, population, domain, rank: rank + 1 });
    });
  });
  return result;
}

describe('analyseInitiatives', () => {
  it('gives each domain its share of initiatives, counting secondary domains apart from main ones', () => {
    const analysis = analyseInitiatives(
      rows([
        [1, 150, 'acces_inclusion', 'communication'],
        [1, 150, 'acces_inclusion'],
        [2, 3_000, 'communication'],
        [3, 60_000, 'securite', 'acces_inclusion'],
      ]),
      DOMAINS,
    );
    expect(analysis.domains).toEqual([
      { domain: 'acces_inclusion', count: 3, share: 0.75, mainCount: 2, mainShare: 0.5 },
      { domain: 'communication', count: 2, share: 0.5, mainCount: 1, mainShare: 0.25 },
      { domain: 'securite', count: 1, share: 0.25, mainCount: 1, mainShare: 0.25 },
    ]);
    expect([analysis.initiatives, analysis.authorities]).toEqual([4, 3]);
  });

  it('counts communes and main domains by population stratum, leaving unknown populations out', () => {
    const analysis = analyseInitiatives(
      rows([
        [1, 150, 'acces_inclusion', 'communication'],
        [1, 150, 'communication'],
        [2, 180, 'acces_inclusion'],
        [3, 60_000, 'securite'],
        [4, null, 'securite'],
      ]),
      DOMAINS,
    );
    const strata = analysis.communes.strata.filter((row) => row.communes > 0);
    expect(
      strata.map((row) => [row.key, row.communes, row.initiatives, row.perCommune, row.mainDomains]),
    ).toEqual([
      ['100-199', 2, 3, 1.5, [2, 1, 0]],
      ['50000-99999', 1, 1, 1, [0, 0, 1]],
    ]);
    expect(analysis.communes).toMatchObject({ initiatives: 5, communes: 4, unknownPopulation: 1 });
    expect(analysis.communes.pearson).toMatchObject({ status: 'ok', n: 3 });
  });

  it('tests independence between stratum and main domain', () => {
    // Two strata with the same distribution of main domains: χ² = 0.
    const same = analyseInitiatives(
      rows([
        [1, 150, 'acces_inclusion'],
        [1, 150, 'securite'],
        [2, 60_000, 'acces_inclusion'],
        [2, 60_000, 'securite'],
      ]),
      DOMAINS,
    );
    expect(same.communes.independence).toMatchObject({
      status: 'ok',
      statistic: 0,
      pValue: 1,
      rows: 2,
      columns: 2,
    });
  });

  it('leaves other kinds of authority out of the communes’ analyses', () => {
    const analysis = analyseInitiatives(rows([[9, 650_000, 'securite']], 'departement'), DOMAINS);
    expect(analysis.initiatives).toBe(1);
    expect(analysis.communes.communes).toBe(0);
    expect(analysis.communes.independence.status).toBe('not_computable');
  });
});

describe('initiativeFindings', () => {
  const taxonomy = shippedTaxonomy();
  const keys = taxonomy.domains.map((domain) => domain.key);

  it('says there is nothing to analyse for an empty year', () => {
    expect(initiativeFindings(analyseInitiatives([], keys), taxonomy, 2020)).toEqual([
      'Aucune initiative publiée pour 2020 : rien à analyser.',
    ]);
  });

  it('reads concentration, size and priorities in plain French', () => {
    // 20 small and 20 larger communes: the larger carry three times as many initiatives, and
    // every commune splits them alike between two domains.
    const initiatives: [number, number, ...string[]][] = [];
    for (let commune = 1; commune <= 40; commune++) {
      const population = commune <= 20 ? 300 + commune : 30_000 + commune;
      const count = commune <= 20 ? 2 : 6;
      for (let i = 0; i < count; i++) {
        initiatives.push([commune, population, i % 2 === 0 ? 'acces_inclusion' : 'communication']);
      }
    }
    const findings = initiativeFindings(analyseInitiatives(rows(initiatives), keys), taxonomy, 2025);
    expect(findings[0]).toBe('160 initiatives publiées pour 2025, portées par 40 collectivités.');
    expect(findings[1]?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Les initiatives se concentrent sur quelques domaines : accès et inclusion numérique (50 %), communication publique (50 %) ; ces deux domaines sont le domaine principal de 100 % des initiatives.',
    );
    expect(findings[3]).toMatch(
      /^Entre la population des communes et leur nombre d’initiatives, la corrélation est positive et forte \(ρ = /,
    );
    expect(findings.at(-2)).toMatch(
      /^Rien ne permet de dire que le domaine principal de ses initiatives dépend de la strate de population/,
    );
    expect(findings.at(-1)).toBe(
      'Autrement dit, petites et grandes communes répartissent leurs initiatives entre domaines de la même façon : la taille change le nombre d’initiatives, pas les priorités.',
    );
  });
});
