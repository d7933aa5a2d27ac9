import { createHash } from 'node:crypto';
import path from 'node:path';
import { defaultReferentialRoot, loadReferential } from '../referential/referential.loader.ts';
import type { Referential } from '../referential/referential.schema.ts';
import type { Farm } from './farm.types.ts';
import { bodyBytes, SESSION_SLOT } from './routes.ts';

/** Shared by the farm's tests: the shipped referential and a fingerprint of everything served. */

let referential: Promise<Referential> | undefined;

export function shippedReferential(): Promise<Referential> {
  referential ??= loadReferential(path.join(defaultReferentialRoot(), '2026.1'));
  return referential;
}

/** sha256 over every host, path, status, header and body byte (session slots marked). */
export function farmFingerprint(farm: Farm): string {
  const hash = createHash('sha256');
  for (const host of [...farm.routes.keys()].sort()) {
    const routes = farm.routes.get(host);
    if (routes === undefined) continue;
    hash.update(`${host}|${routes.https}|${routes.http}|${routes.session}\n`);
    for (const [path, response] of routes.responses) {
      hash.update(
        `${path}|${response.status}|${JSON.stringify(response.headers)}|${response.delayMs ?? 0}\n`,
      );
      hash.update(bodyBytes(response.body, '\u0001'));
      hash.update(String(response.body.filter((part) => part === SESSION_SLOT).length));
    }
  }
  hash.update(farm.groundTruthJson());
  return hash.digest('hex');
}
