import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The CLI's executable, run as a user runs it (real loader, real signals). */
export const BIN = path.resolve(import.meta.dirname, '../../bin/barometre.js');

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the first match of `pattern` in what the child writes, rejects if it exits first. */
export function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${text}`)));
  });
}
