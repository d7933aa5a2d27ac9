/**
 * Per-host politeness shared by every site crawl of the process: at most `perHostConcurrency`
 * requests in flight to a host, and at least `delayMs` (or the host's Crawl-delay) between two
 * request starts. Several authorities often share a host (a platform, a regional portal): the
 * limit is per host, not per site. Waiters sleep on one timer per host; nothing polls.
 */
import type { PolitenessOptions } from './crawl.types.ts';

export type Release = () => void;

export interface AcquireOptions {
  /** Delay for this request when larger than the default (robots.txt Crawl-delay). */
  delayMs?: number;
  /** Stops waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

export interface HostScheduler {
  /** Resolves when a request to `host` may start; call the returned function when it ends. */
  acquire(host: string, options?: AcquireOptions): Promise<Release>;
  stats(): { hosts: number; waiting: number; inFlight: number };
}

interface Waiter {
  delayMs: number;
  resolve: (release: Release) => void;
  detach: () => void;
}

interface HostState {
  inFlight: number;
  lastStart: number;
  queue: Waiter[];
  timer: ReturnType<typeof setTimeout> | null;
}

/** Idle hosts are forgotten after this long (longer than any delay we honour). */
const RETAIN_IDLE_MS = 60_000;
const SWEEP_EVERY = 500;

export function createHostScheduler(
  politeness: PolitenessOptions,
  now: () => number = () => performance.now(),
): HostScheduler {
  const hosts = new Map<string, HostState>();
  const concurrency = Math.max(1, politeness.perHostConcurrency);
  let acquisitions = 0;

  function sweep(): void {
    const limit = now() - RETAIN_IDLE_MS;
    for (const [host, state] of hosts) {
      if (
        state.inFlight === 0 &&
        state.queue.length === 0 &&
        state.timer === null &&
        state.lastStart < limit
      ) {
        hosts.delete(host);
      }
    }
  }

  function pump(state: HostState): void {
    while (state.queue.length > 0 && state.inFlight < concurrency) {
      const head = state.queue[0] as Waiter;
      const wait = state.lastStart + Math.max(politeness.delayMs, head.delayMs) - now();
      if (wait > 0) {
        if (state.timer === null) {
          state.timer = setTimeout(() => {
            state.timer = null;
            pump(state);
          }, Math.ceil(wait));
        }
        return;
      }
      state.queue.shift();
      head.detach();
      state.inFlight += 1;
      state.lastStart = now();
      let released = false;
      head.resolve(() => {
        if (released) return;
        released = true;
        state.inFlight -= 1;
        pump(state);
      });
    }
  }

  return {
    acquire(host, options = {}) {
      acquisitions += 1;
      if (acquisitions % SWEEP_EVERY === 0) sweep();
      const key = host.toLowerCase();
      let state = hosts.get(key);
      if (state === undefined) {
        state = { inFlight: 0, lastStart: Number.NEGATIVE_INFINITY, queue: [], timer: null };
        hosts.set(key, state);
      }
      const hostState = state;
      const { signal } = options;
      return new Promise<Release>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          const index = hostState.queue.indexOf(waiter);
          if (index >= 0) hostState.queue.splice(index, 1);
          reject(signal?.reason);
          pump(hostState);
        };
        const waiter: Waiter = {
          delayMs: options.delayMs ?? 0,
          resolve,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        hostState.queue.push(waiter);
        pump(hostState);
      });
    },
    stats() {
      let waiting = 0;
      let inFlight = 0;
      for (const state of hosts.values()) {
        waiting += state.queue.length;
        inFlight += state.inFlight;
      }
      return { hosts: hosts.size, waiting, inFlight };
    },
  };
}
