/** Messages between the benchmark and its farm process (farm-process.ts). */

export interface FarmSettings {
  seed: number;
  sites: number;
  pagesPerSite: number;
  latencyMs: number;
  slowPages: boolean;
  crawlDelaySite: boolean;
}

export interface FarmReady {
  type: 'ready';
  httpPort: number;
  httpsPort: number | null;
  ca: string | null;
  hosts: string[];
  sites: { code: string; name: string; homeUrl: string }[];
  /** Documents of the farm's ground truth (HTML and PDF answered 200), traps excluded. */
  documents: number;
  generatedMs: number;
}

export interface FarmStats {
  type: 'stats';
  id: number;
  /** Requests answered since the last reset. */
  requests: number;
  /** Most requests one host answered at once since the last reset. */
  maxConcurrentPerHost: number;
  /** CPU time of the farm process since it started. */
  cpuMs: number;
  rssBytes: number;
}

export type FarmRequest = { type: 'stats'; id: number; reset: boolean } | { type: 'close' };
export type FarmResponse = FarmReady | FarmStats;
