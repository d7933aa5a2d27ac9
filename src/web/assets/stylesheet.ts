import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The site's one stylesheet: GOV.UK Frontend re-themed by barometre.scss, compiled with Sass
 * when the server starts (no generated CSS in the repository, docs/adr/0005). Compiling takes
 * about 2 s, so the result is cached on disk under a key made of everything that can change it
 * (our source, the GOV.UK Frontend and Sass versions): the next start reads the file.
 */

export interface Stylesheet {
  /** Public path with a content hash: the file can be cached for a year. */
  href: string;
  css: string;
}

const SOURCE = fileURLToPath(new URL('./barometre.scss', import.meta.url));

export async function loadStylesheet(options: { cacheDir: string }): Promise<Stylesheet> {
  const versions = ['govuk-frontend', 'sass'].map(packageVersion);
  const source = fs.readFileSync(SOURCE, 'utf8');
  const key = createHash('sha256')
    .update([source, ...versions].join('\n'))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(options.cacheDir, `barometre-${key}.css`);
  let css: string;
  try {
    css = fs.readFileSync(cached, 'utf8');
  } catch {
    css = await compile();
    fs.mkdirSync(options.cacheDir, { recursive: true });
    // Write then rename, so that a server starting at the same time never reads half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, css);
    fs.renameSync(partial, cached);
  }
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  return { href: `/assets/barometre.${hash}.css`, css };
}

async function compile(): Promise<string> {
  // Loaded only when the cache misses: Sass takes a while to import.
  const sass = await import('sass');
  const result = await sass.compileAsync(SOURCE, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter()],
    quietDeps: true,
  });
  return result.css;
}

/** A package's version, from the package.json beside its entry point (sass does not export it). */
function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
