/**
 * A `barometre worker` process for bench:scale: the real CLI, with its crawler routed to the
 * fixture farm that runs in the benchmark's own child process (bench/farm-child.ts), so that the
 * farm is generated once and its CPU is not the workers'. BENCH_FARM_READY names the JSON file
 * of the farm's address, certificate and hosts.
 */
import fs from 'node:fs';
import { runCli } from '../src/main/cli.ts';
import { farmNetwork } from './farm-child.ts';
import type { FarmReady } from './farm-protocol.ts';

const readyFile = process.env.BENCH_FARM_READY;
if (!readyFile) throw new Error('BENCH_FARM_READY is not set');
const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8')) as FarmReady;
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  network: farmNetwork(ready),
});
