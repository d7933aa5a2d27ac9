import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { computeWebIndicators } from '../../../test/support/web-indicators.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { editionResponses } from './edition-api-schemas.ts';

describe.each(TEST_ENGINES)('API: edition aggregates and indicators (%s)', (engine) => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await createWebWorld(engine);
  });
  afterAll(() => world?.close());

  const get = async (path: string, status = 200) => {
    const response = await world.app.request(path);
    expect(response.status, path).toBe(status);
    return (await response.json()) as Record<string, unknown>;
  };
  const problems = async (path: string) =>
    ((await get(path, 400)) as { error: { problems: { field?: string }[] } }).error.problems.map(
      (p) => p.field,
    );

  it('answers 404 while the edition’s indicators are not computed', async () => {
    const body = (await get('/api/v1/editions/2026/aggregates', 404)) as { error: { message: string } };
    expect(body.error.message).toContain('non calculée');
    await get('/api/v1/editions/2026/indicators?kind=departement', 404);
  });

  describe('once computed', () => {
    beforeAll(() => computeWebIndicators(world));

    it('serves each kind’s distributions, theme ranking and correlations, as documented', async () => {
      const body = editionResponses.aggregates.parse(await get('/api/v1/editions/2026/aggregates'));
      expect(body.data.edition.year).toBe(2026);
      const departements = body.data.kinds.find((k) => k.kind === 'departement');
      expect(departements?.authorities).toBeGreaterThan(0);
      expect(departements?.end_to_end.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(
        departements?.authorities,
      );
      const ranks = departements?.themes.map((t) => t.rank) ?? [];
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(departements?.themes.map((t) => t.key)).toContain('solidarites');
      expect(departements?.correlations.length).toBeGreaterThan(0);
      // The panel holds départements only: a kind filter keeps its own, none for another kind.
      expect(body.data.kinds.map((k) => k.kind)).toEqual(['departement']);
      const kindsOf = async (kind: string) =>
        editionResponses.aggregates
          .parse(await get(`/api/v1/editions/2026/aggregates?kind=${kind}`))
          .data.kinds.map((k) => k.kind);
      expect(await kindsOf('departement')).toEqual(['departement']);
      expect(await kindsOf('commune')).toEqual([]);
    });

    it('lists a kind’s indicators by index, paginated, with links to each authority', async () => {
      const body = editionResponses.indicators.parse(
        await get('/api/v1/editions/2026/indicators?kind=departement&per_page=2'),
      );
      expect(body.meta).toMatchObject({ edition: 2026, page: 1, per_page: 2 });
      expect(body.meta.total).toBeGreaterThanOrEqual(body.data.length);
      const indexes = body.data.map((row) => row.index);
      expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
      const ain = editionResponses.indicators.parse(
        await get('/api/v1/editions/2026/indicators?kind=departement&sort=nom&per_page=500'),
      );
      const row = ain.data.find((r) => r.code === '01');
      expect(row?.url).toBe('/api/v1/territories/departement/01/indicators?edition=2026');
      const names = ain.data.map((r) => r.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
      expect((await get(row?.url as string)).data).toBeDefined();
    });

    it('answers 400 naming each bad parameter, and 404 for an edition that does not exist', async () => {
      expect(await problems('/api/v1/editions/abc/aggregates')).toEqual(['year']);
      expect(await problems('/api/v1/editions/2026/aggregates?kind=canton')).toEqual(['kind']);
      expect(await problems('/api/v1/editions/2026/indicators')).toEqual(['kind']);
      expect(
        await problems('/api/v1/editions/2026/indicators?kind=commune&sort=taille&order=haut&per_page=1000'),
      ).toEqual(['per_page', 'sort', 'order']);
      await get('/api/v1/editions/2019/aggregates', 404);
    });

    it('describes both in the OpenAPI document', async () => {
      const document = (await get('/api/v1/openapi.json')) as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/editions/{year}/aggregates', '/editions/{year}/indicators']),
      );
    });
  });
});
