/**
 * Starts the fixture farm in a child process (farm-process.ts) and gives the benchmark what
 * the crawler needs to reach it: `connectTo` for its hosts, its CA, and its stats.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { NetworkOptions } from '../src/crawl/crawl.types.ts';
import type { FarmReady, FarmRequest, FarmResponse, FarmSettings, FarmStats } from './farm-protocol.ts';

export interface FarmChild {
  ready: FarmReady;
  network: Pick<NetworkOptions, 'connectTo' | 'allowPrivateNetwork' | 'ca'>;
  /** Requests answered since the last reset (and resets the counters when asked), farm CPU time. */
  stats(reset?: boolean): Promise<FarmStats>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./farm-process.ts', import.meta.url));
const ADDRESS = '127.0.0.1';

/** What a crawler needs to reach the farm: its hosts on 127.0.0.1, and its CA. Also used by worker processes. */
export function farmNetwork(ready: FarmReady): FarmChild['network'] {
  const hosts = new Set(ready.hosts);
  return {
    allowPrivateNetwork: true,
    connectTo: (hostname, protocol) =>
      hosts.has(hostname.toLowerCase())
        ? {
            address: ADDRESS,
            port: protocol === 'https:' ? (ready.httpsPort ?? ready.httpPort) : ready.httpPort,
          }
        : undefined,
    ...(ready.ca === null ? {} : { ca: ready.ca }),
  };
}

export async function startFarmChild(settings: FarmSettings): Promise<FarmChild> {
  const child = fork(ENTRY, [JSON.stringify(settings)], {
    // tsx as a loader, whatever flags the benchmark itself was started with (--cpu-prof…).
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<FarmReady>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`la ferme s’est arrêtée (code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: FarmResponse) => {
      child.off('exit', onExit);
      if (message.type === 'ready') resolve(message);
      else reject(new Error('la ferme a répondu avant d’être prête'));
    });
  });
  let nextId = 0;
  const pending = new Map<number, (stats: FarmStats) => void>();
  child.on('message', (message: FarmResponse) => {
    if (message.type !== 'stats') return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const request = (message: FarmRequest) => child.send(message);

  return {
    ready,
    network: farmNetwork(ready),
    stats(reset = false) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        request({ type: 'stats', id, reset });
      });
    },
    close() {
      return stopChild(child, () => request({ type: 'close' }));
    },
  };
}

function stopChild(child: ChildProcess, askToClose: () => void): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    askToClose();
  });
}
