import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { postRepeated } from '../../../test/support/review-client.ts';
import { T0 } from '../../../test/support/review-world.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { appendAssessments } from '../../assessments/assessments.repository.ts';
import { createContest } from '../../assessments/contests.service.ts';
import { confirmAssessment, submitBlindReview } from '../../assessments/review.service.ts';

/**
 * Security of the review screens: hostile text (crawled pages, comments, contest justifications)
 * is rendered escaped and hostile URLs never become links; SQL-looking filter values are refused
 * (400) or match nothing, never a 500, and change nothing; forms without their CSRF token or from
 * the wrong role change nothing.
 */

const SCRIPT = '<script>alert("xss")</script>';
const IMG = '<img src=x onerror=alert(1)>';
const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE assessments; --',
  "1' UNION SELECT password_hash FROM users --",
  '%27%20OR%201=1',
  '\\x00',
  '../../etc/passwd',
];

describe.each(TEST_ENGINES)('review screens under attack (%s)', (engine) => {
  let world: WebWorld;
  let analyst: WebClient;
  let admin: WebClient;
  let hostileId: number;

  beforeAll(async () => {
    world = await createWebWorld(engine);
    const users = await createRoleUsers(world.db, world.ids.ain);
    const editionId = (await world.db.selectFrom('editions').select('id').executeTakeFirstOrThrow()).id;
    const authorityId = await world.authority();
    // A crawled page whose text and links are hostile: the crawler stores what sites say.
    const [hostile] = await appendAssessments(
      world.db,
      [
        {
          editionId,
          authorityId,
          serviceId: world.services.apa,
          level: 3,
          source: 'crawler',
          confidence: 0.4,
          platform: IMG,
          evidenceUrl: 'javascript:alert(1)',
          evidence: { pages: [{ url: 'javascript:alert(1)', phrases: [SCRIPT, IMG], platform: IMG }] },
        },
      ],
      T0,
    );
    hostileId = hostile?.id ?? 0;
    // A first review and a blind one, both with hostile comments, and a hostile contest.
    const rsa = await world.propose({ editionId, authorityId, service: 'rsa', level: 2 });
    await confirmAssessment(
      world.db,
      { assessmentId: rsa.id, reviewer: 'tiers@barometre.test', comment: IMG },
      T0,
    );
    await submitBlindReview(
      world.db,
      {
        editionId,
        authorityId,
        serviceId: world.services.rsa,
        reviewer: 'autre@barometre.test',
        level: 4,
        comment: SCRIPT,
      },
      T0,
    );
    const fsl = await world.propose({ editionId, authorityId, service: 'fsl', level: 0 });
    await createContest(
      world.db,
      { assessmentId: fsl.id, justification: `${SCRIPT}\n${IMG}`, contact: 'x@y.fr' },
      T0,
    );
    analyst = webClient(world.app);
    admin = webClient(world.app);
    expect((await analyst.signIn(users.analyst.email, TEST_PASSWORD)).status).toBe(303);
    expect((await admin.signIn(users.admin.email, TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  /** Row counts of every table a review screen could change. */
  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of [
      'assessments',
      'review_events',
      'blind_reviews',
      'arbitrations',
      'contests',
      'audit_log',
      'users',
    ] as const) {
      const { n } = await world.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(n);
    }
    return counts;
  };

  const expectEscaped = (html: string) => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/href="javascript:/i);
  };

  it('renders hostile evidence, comments and justifications as text', async () => {
    const queue = await (await analyst.get('/admin/revue?confiance=faible')).text();
    expect(queue).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expectEscaped(queue);
    const item = await (await analyst.get(`/admin/revue/evaluations/${hostileId}`)).text();
    expect(item).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(item).toContain('<code>javascript:alert(1)</code>');
    expectEscaped(item);
    const arbitration = await (await admin.get('/admin/arbitrage')).text();
    expect(arbitration).toContain('&lt;script&gt;');
    expectEscaped(arbitration);
    const contests = await (await admin.get('/admin/contestations')).text();
    expect(contests).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expectEscaped(contests);
    const history = await (await analyst.get('/admin/revue/evaluations/1')).text();
    expectEscaped(history);
  });

  it('answers SQL-looking filter values with 400 or nothing, never a 500, and changes nothing', async () => {
    const before = await snapshot();
    const filters: Record<string, string[]> = {
      '/admin/revue': ['edition', 'theme', 'confiance', 'collectivite', 'categorie', 'niveau', 'page'],
      '/admin/revue/ajout': ['edition'],
      '/admin/double-revue': ['edition'],
      '/admin/arbitrage': ['edition'],
      '/admin/contestations': ['edition', 'statut'],
      '/classements': ['categorie', 'region', 'departement', 'strate', 'tri', 'ordre', 'page', 'par_page'],
      '/classements.csv': ['categorie', 'region', 'departement', 'strate', 'tri', 'ordre'],
    };
    let checked = 0;
    for (const [path, names] of Object.entries(filters)) {
      for (const name of names) {
        for (const value of INJECTIONS) {
          const response = await admin.get(`${path}?${new URLSearchParams({ [name]: value })}`);
          const key = `${path} ${name}=${value}`;
          expect([200, 400], key).toContain(response.status);
          if (response.status === 200 && path === '/admin/revue')
            expect(await response.text(), key).toContain('Aucune proposition');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    // Path ids too: not a number is a 400, an unknown one a 404.
    expect((await admin.get("/admin/revue/evaluations/1'%20OR%20'1'='1")).status).toBe(400);
    expect((await admin.get('/admin/revue/evaluations/999999')).status).toBe(404);
    expect((await admin.get('/admin/double-revue/1/1%20OR%201=1/1')).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every review form without its CSRF token, and changes nothing', async () => {
    const before = await snapshot();
    const forms = [
      '/admin/revue/confirmer',
      `/admin/revue/evaluations/${hostileId}/confirmer`,
      `/admin/revue/evaluations/${hostileId}/corriger`,
      '/admin/revue/ajout',
      '/admin/arbitrage/1',
      '/admin/contestations/1',
    ];
    for (const path of forms) {
      const missing = await analyst.post(path, {
        _csrf: null,
        evaluation: String(hostileId),
        niveau: '1',
        motif: 'x',
        decision: 'rejected',
      });
      expect(missing.status, path).toBe(403);
      const wrong = await analyst.post(path, {
        _csrf: 'a'.repeat(43),
        evaluation: String(hostileId),
        niveau: '1',
      });
      expect(wrong.status, path).toBe(403);
    }
    // With a valid token, the same bulk confirmation goes through: the refusal above was the token's.
    const valid = await postRepeated(world.app, analyst, '/admin/revue', '/admin/revue/confirmer', [
      ['evaluation', String(hostileId)],
    ]);
    expect(valid.status).toBe(303);
    expect((await snapshot()).assessments).toBe((before.assessments ?? 0) + 1);
  });
});
