import { parentPort, workerData } from 'node:worker_threads';
import type { Referential } from '../referential/referential.schema.ts';
import { errorMessage } from '../shared/errors.ts';
import { type DetectionReply, type DetectionRequest, detectorsByKinds } from './detection-pool.ts';

/** Detects the pages the pool sends, one at a time, in the order they come. */
const detectorFor = detectorsByKinds((workerData as { referential: Referential }).referential);

parentPort?.on('message', ({ id, kinds, page }: DetectionRequest) => {
  let reply: DetectionReply;
  try {
    reply = { id, ok: true, result: detectorFor(kinds).detectPage(page) };
  } catch (error) {
    reply = { id, ok: false, error: errorMessage(error) };
  }
  parentPort?.postMessage(reply);
});
