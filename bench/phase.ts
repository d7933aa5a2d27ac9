import { performance } from 'node:perf_hooks';

/** What one phase of the benchmark cost this process: wall time, CPU time, event-loop use. */
export interface PhaseCost {
  wallMs: number;
  /** User + system CPU of the whole process (main thread, GC and libuv threads). */
  cpuMs: number;
  /** Share of the wall time the main thread spent running code rather than waiting (0–1). */
  eventLoopUtilization: number;
}

export async function measured<T>(work: () => Promise<T>): Promise<{ value: T; cost: PhaseCost }> {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    value,
    cost: {
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      eventLoopUtilization: performance.eventLoopUtilization(loop).utilization,
    },
  };
}
