import { describe, expect, it } from 'vitest';
import { createHostScheduler } from './politeness.ts';

/** Timers may fire up to a millisecond "early" when measured with performance.now(). */
const TIMER_SLACK_MS = 2;

describe('createHostScheduler', () => {
  it('never lets more than perHostConcurrency requests run on a host', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 2, delayMs: 0 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await scheduler.acquire('www.ville.fr');
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(scheduler.stats()).toMatchObject({ waiting: 0, inFlight: 0 });
  });

  it('spaces request starts on a host by delayMs', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 4, delayMs: 40 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const release = await scheduler.acquire('www.ville.fr');
        starts.push(performance.now());
        release();
      }),
    );
    for (let i = 1; i < starts.length; i += 1) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
    }
  });

  it('raises the delay for a request that asks for more (Crawl-delay)', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    (await scheduler.acquire('slow.ville.fr', { delayMs: 60 }))();
    const before = performance.now();
    (await scheduler.acquire('slow.ville.fr', { delayMs: 60 }))();
    expect(performance.now() - before).toBeGreaterThanOrEqual(60 - TIMER_SLACK_MS);
  });

  it('keeps hosts independent', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 1000 });
    const before = performance.now();
    const releases = await Promise.all([
      scheduler.acquire('a.fr'),
      scheduler.acquire('b.fr'),
      scheduler.acquire('C.FR'),
    ]);
    for (const release of releases) release();
    expect(performance.now() - before).toBeLessThan(500);
    expect(scheduler.stats().hosts).toBe(3);
  });

  it('matches hosts case-insensitively', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    const first = await scheduler.acquire('WWW.VILLE.FR');
    let second = false;
    const pending = scheduler.acquire('www.ville.fr').then((release) => {
      second = true;
      release();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(second).toBe(false);
    first();
    await pending;
    expect(second).toBe(true);
  });

  it('drops a waiter whose signal aborts, and serves the next one', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    const first = await scheduler.acquire('www.ville.fr');
    const controller = new AbortController();
    const aborted = scheduler.acquire('www.ville.fr', { signal: controller.signal });
    const next = scheduler.acquire('www.ville.fr');
    controller.abort(new Error('fin du budget'));
    await expect(aborted).rejects.toThrow('fin du budget');
    first();
    (await next)();
    expect(scheduler.stats()).toMatchObject({ waiting: 0, inFlight: 0 });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    await expect(
      scheduler.acquire('www.ville.fr', { signal: AbortSignal.abort(new Error('stop')) }),
    ).rejects.toThrow('stop');
  });

  it('ignores a second call of the same release', async () => {
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    const release = await scheduler.acquire('www.ville.fr');
    release();
    release();
    const again = await scheduler.acquire('www.ville.fr');
    expect(scheduler.stats().inFlight).toBe(1);
    again();
  });
});
