import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompetenceKind, Referential } from '../referential/referential.schema.ts';
import { createDetector, type PageDetector } from './detect.ts';
import type { PageDetection } from './detection.types.ts';
import type { PageContent } from './page.ts';

/**
 * Detection of crawled pages off the crawler's thread (docs/adr/0005-detection-workers.md).
 * Detection is pure CPU: on the crawler's thread it delays every response waiting to be read,
 * in worker threads it runs on the other cores. Pages are detected in the order they are given,
 * with the same detectors as in-process; a worker that dies fails its pages in flight, and the
 * next page starts a new one.
 */
export interface DetectionPool {
  detect(kinds: readonly CompetenceKind[], page: PageContent): Promise<PageDetection>;
  close(): Promise<void>;
}

/** One detector per set of competences (a département's services are not a commune's), compiled on first use. */
export function detectorsByKinds(
  referential: Referential,
): (kinds: readonly CompetenceKind[]) => PageDetector {
  const detectors = new Map<string, PageDetector>();
  return (kinds) => {
    const key = [...kinds].sort().join(',');
    let detector = detectors.get(key);
    if (detector === undefined) {
      detector = createDetector(referential, { kinds });
      detectors.set(key, detector);
    }
    return detector;
  };
}

/** Workers by default: the cores beyond the crawler's own, at most four. */
export function defaultDetectionWorkers(): number {
  return Math.min(4, Math.max(0, availableParallelism() - 1));
}

export interface DetectionRequest {
  id: number;
  kinds: readonly CompetenceKind[];
  page: PageContent;
}

export type DetectionReply =
  | { id: number; ok: true; result: PageDetection }
  | { id: number; ok: false; error: string };

interface Pending {
  resolve: (result: PageDetection) => void;
  reject: (error: Error) => void;
}

const WORKER_URL = new URL('./detection-worker.mjs', import.meta.url);

/** `workers` 0 detects in-process (one core, or a caller that wants no threads). */
export function createDetectionPool(
  referential: Referential,
  workers = defaultDetectionWorkers(),
): DetectionPool {
  if (workers <= 0) {
    const detectorFor = detectorsByKinds(referential);
    return {
      detect: async (kinds, page) => detectorFor(kinds).detectPage(page),
      close: async () => undefined,
    };
  }
  let nextId = 0;
  const slots = Array.from({ length: workers }, () => ({
    worker: null as Worker | null,
    pending: new Map<number, Pending>(),
  }));

  const start = (slot: (typeof slots)[number]): Worker => {
    // The tsx loader of the parent is not inherited reliably: the .mjs entry registers its own.
    const worker = new Worker(WORKER_URL, { workerData: { referential }, execArgv: [] });
    worker.on('message', (reply: DetectionReply) => {
      const pending = slot.pending.get(reply.id);
      if (pending === undefined) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`détection : le processus léger s’est arrêté (code ${code})`)),
    );
    slot.worker = worker;
    return worker;
  };

  return {
    detect(kinds, page) {
      // The least busy worker: pages differ in size, so round robin would queue behind a big one.
      const slot = slots.reduce((best, candidate) =>
        candidate.pending.size < best.pending.size ? candidate : best,
      );
      const worker = slot.worker ?? start(slot);
      const id = nextId++;
      return new Promise<PageDetection>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        // Referenced while it has work, so that a caller awaiting only detections is kept alive;
        // an idle worker never keeps the process alive.
        worker.ref();
        try {
          worker.postMessage({ id, kinds, page } satisfies DetectionRequest);
        } catch (error) {
          // The page cannot be copied to the thread (DataCloneError): it fails alone.
          slot.pending.delete(id);
          if (slot.pending.size === 0) worker.unref();
          reject(error);
        }
      });
    },
    async close() {
      const running = slots.flatMap((slot) => (slot.worker === null ? [] : [slot.worker]));
      for (const slot of slots) slot.worker = null;
      await Promise.all(running.map((worker) => worker.terminate()));
    },
  };
}
