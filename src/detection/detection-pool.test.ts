import { afterEach, describe, expect, it } from 'vitest';
import { testReferential, textPage } from '../../test/support/detection.ts';
import { createDetectionPool, type DetectionPool } from './detection-pool.ts';
import type { PageContent } from './page.ts';

const PAGES: PageContent[] = [
  textPage('Acte de naissance', ['Faites votre demande en ligne.', 'Gratuit.']),
  textPage('Transport scolaire', ['Inscription au transport scolaire en ligne.', 'Tarifs.']),
  textPage('Actualités', ['Le conseil municipal s’est réuni jeudi.']),
];

describe('createDetectionPool', () => {
  let pools: DetectionPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    pools = [];
  });
  const pool = (workers: number) => {
    const created = createDetectionPool(testReferential(), workers);
    pools.push(created);
    return created;
  };

  it('detects in worker threads exactly what detection finds in-process', async () => {
    const inProcess = pool(0);
    const threads = pool(2);
    for (const kinds of [['commune'], ['departement', 'region']] as const) {
      const expected = await Promise.all(PAGES.map((page) => inProcess.detect(kinds, page)));
      const found = await Promise.all(PAGES.map((page) => threads.detect(kinds, page)));
      expect(found).toEqual(expected);
    }
    expect((await threads.detect(['commune'], PAGES[0] as PageContent)).detections).not.toEqual([]);
  });

  it('refuses a page that cannot be copied to a thread, and detects the next one', async () => {
    const broken = pool(1);
    const page = { ...(PAGES[0] as PageContent), title: (() => 'x') as unknown as string };
    await expect(broken.detect(['commune'], page)).rejects.toThrow();
    expect((await broken.detect(['commune'], PAGES[0] as PageContent)).url).toBe(PAGES[0]?.url);
  });
});
