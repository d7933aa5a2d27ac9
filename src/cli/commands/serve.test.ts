import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, freePort, waitFor } from '../../../test/support/child-process.ts';
import { runCliCaptured } from '../../../test/support/cli.ts';

describe('barometre serve', () => {
  it('serves the site on the configured port, logs JSON lines and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-serve-'));
    // An edition, so that the home page draws its map under the real loader (tsx), not vitest's.
    for (const argv of [
      ['referential', 'load'],
      ['edition', 'create', '--year', '2026'],
    ]) {
      expect((await runCliCaptured(argv, { dataDir })).code).toBe(0);
    }
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, BAROMETRE_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    try {
      await waitFor(child, 'stderr', new RegExp(`Baromètre est servi sur http://localhost:${port}`));
      const health = await fetch(`http://127.0.0.1:${port}/sante`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('édition 2026, en préparation');
      expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 733 649"');

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({ level: 'info', message: 'server started', port });
      expect(lines).toContainEqual(
        expect.objectContaining({ message: 'request', method: 'GET', path: '/sante', status: 200 }),
      );
      expect(lines.at(-1)).toMatchObject({ message: 'server stopped' });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
