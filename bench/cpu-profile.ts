/**
 * CPU profile of one phase of the benchmark (the pipeline), through the inspector of this very
 * process, and a summary of where the time went: self time by area (our folders, libraries,
 * Node internals, GC) and inclusive time of the heaviest functions of src/. The .cpuprofile
 * opens in Chrome DevTools or speedscope for more.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Profiler {
  stop(file: string): Promise<CpuProfile>;
}

export async function startProfiler(samplingIntervalUs = 1000): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      session.disconnect();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      return profile;
    },
  };
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Where a frame's code lives, coarse enough to read at a glance. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'program (native, unattributed)';
    return `native: ${functionName || '?'}`;
  }
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (modules) return `lib ${modules[1]}`;
  if (file.startsWith('node:')) return `node ${file.slice(5).split('/').slice(0, 2).join('/')}`;
  const relative = path.relative(ROOT, file);
  if (!relative.startsWith('..')) {
    const parts = relative.split(path.sep);
    return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}/${parts.at(-1)}` : relative;
  }
  return file;
}

export interface ProfileSummary {
  totalMs: number;
  byArea: [string, number][];
  /** Inclusive ms of functions of src/ (recursion counted once), heaviest first. */
  inclusive: [string, number][];
}

export function summarise(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const byArea = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const area = areaOf(node.callFrame);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    if (area !== 'idle') totalMs += ms;
  }

  // Inclusive time per src/ function: walk the tree, counting a function once per stack.
  const inclusive = new Map<string, number>();
  const root = profile.nodes[0];
  const subtree = new Map<number, number>();
  const total = (node: ProfileNode): number => {
    let sum = selfMs.get(node.id) ?? 0;
    for (const child of node.children ?? []) {
      const childNode = byId.get(child);
      if (childNode !== undefined) sum += total(childNode);
    }
    subtree.set(node.id, sum);
    return sum;
  };
  const walk = (node: ProfileNode, open: Set<string>): void => {
    const frame = node.callFrame;
    const area = areaOf(frame);
    let key: string | null = null;
    if (area.startsWith('src/') && frame.functionName !== '') {
      key = `${frame.functionName} (${area})`;
      if (!open.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + (subtree.get(node.id) ?? 0));
      else key = null;
    }
    if (key !== null) open.add(key);
    for (const child of node.children ?? []) {
      const childNode = byId.get(child);
      if (childNode !== undefined) walk(childNode, open);
    }
    if (key !== null) open.delete(key);
  };
  if (root !== undefined) {
    total(root);
    walk(root, new Set());
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs, byArea: sorted(byArea), inclusive: sorted(inclusive) };
}
