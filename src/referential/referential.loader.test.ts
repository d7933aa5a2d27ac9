import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type InputProblem, UserError } from '../shared/errors.ts';
import {
  compareReferentialVersions,
  defaultReferentialRoot,
  latestReferentialVersion,
  listReferentialVersions,
  loadReferential,
} from './referential.loader.ts';
import type { CompetenceKind, Referential } from './referential.schema.ts';

describe('shipped referential 2026.1', () => {
  let referential: Referential;
  beforeAll(async () => {
    referential = await loadReferential(path.join(defaultReferentialRoot(), '2026.1'));
  });

  const servicesFor = (kind: CompetenceKind) =>
    referential.services.filter((service) => service.applies_to.includes(kind));

  it('is valid and carries the version of its directory', () => {
    expect(referential.version).toBe('2026.1');
  });

  it('has the 7 département themes of the 2021 study, in order', () => {
    const names = referential.themes
      .filter((theme) => theme.applies_to.includes('departement'))
      .map((theme) => theme.name);
    expect(names).toEqual([
      'Solidarités',
      'Développement territorial',
      'Formation & Éducation',
      'Sport',
      'Tourisme & Culture',
      'Emploi & Insertion',
      'Voirie & Transport',
    ]);
  });

  it('has 7 to 8 commune/EPCI themes and 5 to 6 région themes', () => {
    const communeThemes = referential.themes.filter((theme) => theme.applies_to.includes('commune'));
    const regionThemes = referential.themes.filter((theme) => theme.applies_to.includes('region'));
    expect(communeThemes.length).toBeGreaterThanOrEqual(7);
    expect(communeThemes.length).toBeLessThanOrEqual(8);
    expect(regionThemes.length).toBeGreaterThanOrEqual(5);
    expect(regionThemes.length).toBeLessThanOrEqual(6);
  });

  it('has at least 65 département, 45 commune/EPCI and 18 région services', () => {
    expect(servicesFor('departement').length).toBeGreaterThanOrEqual(65);
    const local = referential.services.filter(
      (service) => service.applies_to.includes('commune') || service.applies_to.includes('epci'),
    );
    expect(local.length).toBeGreaterThanOrEqual(45);
    expect(servicesFor('region').length).toBeGreaterThanOrEqual(18);
  });

  it('gives every theme services, and every département theme at least 5', () => {
    for (const theme of referential.themes) {
      const count = referential.services.filter((service) => service.theme === theme.key).length;
      const minimum = theme.applies_to.includes('departement') ? 5 : 1;
      expect(count, theme.key).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('gives every service at least 3 phrases', () => {
    const short = referential.services.filter((service) => service.phrases.length < 3).map((s) => s.key);
    expect(short).toEqual([]);
  });

  it('keeps digitalisation words and generic words out of phrases', () => {
    // Those are separate signals of the detector; in a phrase they would tie a service to any online form.
    const forbidden =
      /\b(en ligne|teleservices?|teleprocedures?|formulaires?|dematerialise\w*|telecharg\w*)\b/;
    const generic = new Set(['aide', 'aides', 'demande', 'inscription', 'subvention', 'paiement', 'service']);
    const offending = referential.services.flatMap((service) =>
      service.phrases
        .filter((phrase) => forbidden.test(fold(phrase)) || generic.has(fold(phrase)))
        .map((phrase) => `${service.key}: ${phrase}`),
    );
    expect(offending).toEqual([]);
  });

  it('never gives the same phrase to two services an authority of one kind can offer', () => {
    const clashes: string[] = [];
    for (const kind of ['region', 'departement', 'epci', 'commune'] as const) {
      const owners = new Map<string, string>();
      for (const service of servicesFor(kind)) {
        for (const phrase of service.phrases) {
          const owner = owners.get(fold(phrase));
          if (owner !== undefined && owner !== service.key) {
            clashes.push(`${kind}: « ${phrase} » in ${owner} and ${service.key}`);
          }
          owners.set(fold(phrase), service.key);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('referential versions', () => {
  it('orders versions by year then revision, numerically', () => {
    expect(['2026.10', '2027.1', '2026.2'].sort(compareReferentialVersions)).toEqual([
      '2026.2',
      '2026.10',
      '2027.1',
    ]);
  });

  it('lists only directories named like a version, and the latest is the highest', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'barometre-referentials-'));
    cleanups.push(root);
    for (const name of ['2026.2', '2026.10', 'drafts', '2025.1']) await mkdir(path.join(root, name));
    await writeFile(path.join(root, '2030.1'), 'a file, not a version');
    expect(await listReferentialVersions(root)).toEqual(['2025.1', '2026.2', '2026.10']);
    expect(await latestReferentialVersion(root)).toBe('2026.10');
  });

  it('finds the shipped versions from the package root', async () => {
    expect(defaultReferentialRoot().endsWith(path.join('data', 'referentials'))).toBe(true);
    expect(await listReferentialVersions(defaultReferentialRoot())).toContain('2026.1');
  });

  it('reports a missing root or an empty one as not found', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'barometre-referentials-'));
    cleanups.push(root);
    await expect(latestReferentialVersion(root)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listReferentialVersions(path.join(root, 'absent'))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(loadReferential(path.join(root, '2026.1'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

// ---------------------------------------------------------------------------------------------
// Validation rules, each on a small referential broken in one place. Line numbers in the
// comments of the fixtures are the ones the problems must carry.

const THEMES = `version: "2026.1"
themes:
  - key: solidarites
    name: Solidarités
    description: Action sociale.
    applies_to: [departement]
  - key: cadre-de-vie
    name: Cadre de vie
    description: Espace public.
    applies_to: [commune, epci]
`;

function service(key: string, overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    key,
    name: `Service ${key}`,
    theme: 'solidarites',
    applies_to: '[departement]',
    description: 'Un service.',
    phrases: `[expression ${key} un, expression ${key} deux]`,
    url_hints: `[${key}]`,
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== '')
    .map(([field, value]) => `${field}: ${value}`);
  return `  - ${lines.join('\n    ')}\n`;
}

function servicesFile(...services: string[]): string {
  return `version: "2026.1"\nservices:\n${services.join('')}`;
}

const cleanups: string[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function referentialDir(files: Record<string, string>, version = '2026.1'): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'barometre-referential-'));
  cleanups.push(root);
  const dir = path.join(root, version);
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function problemsOf(files: Record<string, string>, version?: string): Promise<InputProblem[]> {
  const dir = await referentialDir(files, version);
  const error = await loadReferential(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  const userError = error as UserError;
  expect(userError.code).toBe('referential_invalid');
  expect(userError.message).toBe(
    `Référentiel ${path.basename(dir)} invalide : ${userError.problems.length} problème(s)`,
  );
  return [...userError.problems];
}

describe('referential validation', () => {
  it('accepts the valid fixture, so that each broken one fails for its own reason', async () => {
    const dir = await referentialDir({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(
        service('un'),
        service('deux', { theme: 'cadre-de-vie', applies_to: '[commune]' }),
      ),
      'b.yaml': servicesFile(service('trois')),
    });
    const referential = await loadReferential(dir);
    expect(referential.themes.map((theme) => theme.key)).toEqual(['solidarites', 'cadre-de-vie']);
    expect(referential.services.map((s) => s.key)).toEqual(['un', 'deux', 'trois']);
    expect(referential.services[0]?.phrases).toEqual(['expression un un', 'expression un deux']);
  });

  it('requires service keys to be unique across files, reporting both places', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      // line 3: first service of a.yaml; line 10: second one
      'a.yaml': servicesFile(service('un'), service('commun')),
      // line 3: first service of b.yaml
      'b.yaml': servicesFile(service('commun')),
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: '2026.1/a.yaml', line: 10, field: 'services[1].key' }),
      expect.objectContaining({ file: '2026.1/b.yaml', line: 3, field: 'services[0].key' }),
    ]);
    expect(problems[0]?.message).toContain('« commun » en double');
    expect(problems[0]?.message).toContain('2026.1/b.yaml, ligne 3');
    expect(problems[1]?.message).toContain('2026.1/a.yaml, ligne 10');
  });

  it('requires theme keys to be unique', async () => {
    const problems = await problemsOf({
      'themes.yaml': `${THEMES}  - key: solidarites\n    name: Encore\n    description: Doublon.\n    applies_to: [region]\n`,
      'a.yaml': servicesFile(service('un')),
    });
    expect(problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['2026.1/themes.yaml', 3, 'themes[0].key'],
      ['2026.1/themes.yaml', 11, 'themes[2].key'],
    ]);
  });

  it('requires the theme of a service to exist', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      // second service starts line 10; its theme is its third field, line 12
      'a.yaml': servicesFile(service('un'), service('deux', { theme: 'voirie' })),
    });
    expect(problems).toEqual([
      {
        file: '2026.1/a.yaml',
        line: 12,
        field: 'services[1].theme',
        message: 'thématique « voirie » inconnue (absente de themes.yaml)',
      },
    ]);
  });

  it('reports a broken theme once, not again on each service that uses it', async () => {
    const services = servicesFile(service('un'), service('deux'));
    const invalidTheme = await problemsOf({
      'themes.yaml': THEMES.replace('    name: Solidarités\n', ''),
      'a.yaml': services,
    });
    expect(invalidTheme).toEqual([
      { file: '2026.1/themes.yaml', line: 3, field: 'themes[0].name', message: 'champ obligatoire manquant' },
    ]);
    const unreadableThemes = await problemsOf({
      'themes.yaml': THEMES.replace('    name: Solidarités\n', '    name: Solidarités: action sociale\n'),
      'a.yaml': services,
    });
    expect(unreadableThemes.length).toBeGreaterThan(0);
    expect(unreadableThemes.every((p) => p.file === '2026.1/themes.yaml' && p.line === 4)).toBe(true);
  });

  it('requires the kinds of a service to be among those of its theme', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un', { applies_to: '[departement, commune]' })),
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: '2026.1/a.yaml', line: 6, field: 'services[0].applies_to[1]' }),
    ]);
    expect(problems[0]?.message).toContain('« commune » non couvert par la thématique « solidarites »');
  });

  it('reports YAML syntax errors with their line', async () => {
    const broken = servicesFile(service('un', { phrases: '[non fermée, encore' }), service('deux'));
    const problems = await problemsOf({ 'themes.yaml': THEMES, 'a.yaml': broken });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file === '2026.1/a.yaml')).toBe(true);
    // The list left open on line 8 is noticed on line 9, where the next field starts.
    expect(problems[0]?.line).toBe(9);
    expect(problems[0]?.message).toMatch(/^syntaxe YAML invalide : indentation incorrecte/);
  });

  it('reports a missing required field on the line of its item', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un'), service('deux', { name: '' })),
    });
    expect(problems).toEqual([
      { file: '2026.1/a.yaml', line: 10, field: 'services[1].name', message: 'champ obligatoire manquant' },
    ]);
  });

  it('reports unknown fields, so that a misspelt one is not silently ignored', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un', { url_hints: '', url_hint: '[un]' })),
    });
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [3, 'services[0].url_hints', 'champ obligatoire manquant'],
      [9, 'services[0].url_hint', 'champ inconnu « url_hint »'],
    ]);
  });

  it('requires every file to carry the version of its directory', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un')).replace('"2026.1"', '"2026.2"'),
    });
    expect(problems).toEqual([expect.objectContaining({ file: '2026.1/a.yaml', line: 1, field: 'version' })]);
    expect(problems[0]?.message).toContain('« 2026.2 »');
  });

  it('requires the directory to be named after a version', async () => {
    const problems = await problemsOf(
      { 'themes.yaml': THEMES.replace('"2026.1"', 'brouillon'), 'a.yaml': servicesFile(service('un')) },
      'brouillon',
    );
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ['brouillon', undefined],
      ['brouillon/themes.yaml', 'version'],
      ['brouillon/a.yaml', 'version'],
    ]);
  });

  it('requires at least one phrase and one URL hint', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un', { phrases: '[]', url_hints: '[]' })),
    });
    expect(problems).toEqual([
      {
        file: '2026.1/a.yaml',
        line: 8,
        field: 'services[0].phrases',
        message: 'au moins une expression attendue',
      },
      {
        file: '2026.1/a.yaml',
        line: 9,
        field: 'services[0].url_hints',
        message: 'au moins un fragment d’URL attendu',
      },
    ]);
  });

  it('rejects a phrase repeated within a service, ignoring case and accents', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un', { phrases: '[Aide à domicile, aide sociale, aide a  DOMICILE]' })),
    });
    expect(problems).toEqual([expect.objectContaining({ line: 8, field: 'services[0].phrases[2]' })]);
  });

  it('requires URL hints in lowercase, without accents or spaces', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(
        service('un', { url_hints: '[bon-fragment, Majuscule, état-civil, deux mots]' }),
      ),
    });
    expect(problems.map((p) => p.field)).toEqual([
      'services[0].url_hints[1]',
      'services[0].url_hints[2]',
      'services[0].url_hints[3]',
    ]);
  });

  it('collects the problems of every file instead of stopping at the first', async () => {
    const problems = await problemsOf({
      'themes.yaml': THEMES,
      'a.yaml': servicesFile(service('un', { theme: 'inconnue' }), service('mauvaise_cle')),
      'b.yaml': 'version: "2026.1"\nservices: [\n',
      'c.yaml': servicesFile(service('trois', { description: '' })),
    });
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ['2026.1/a.yaml', 'services[1].key'],
      ['2026.1/b.yaml', undefined],
      ['2026.1/c.yaml', 'services[0].description'],
      ['2026.1/a.yaml', 'services[0].theme'],
    ]);
  });

  it('requires a themes.yaml and at least one services file', async () => {
    const problems = await problemsOf({ 'notes.txt': 'rien' });
    expect(problems.map((p) => p.message)).toEqual([
      'fichier themes.yaml manquant',
      'aucun fichier de services (*.yaml autre que themes.yaml)',
    ]);
  });
});

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
