#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: one package, no build step to forget.
import { register } from 'tsx/esm/api';

register();
// `barometre audit show 01 | head` closes our stdout early: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../src/main/cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
