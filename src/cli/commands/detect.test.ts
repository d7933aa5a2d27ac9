import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.ts';
import { type DetectOutputLine, detectPagesFile, parseKinds } from './detect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function jsonl(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const pages = [
  JSON.stringify({
    url: 'https://www.ville-x.fr/etat-civil/acte-de-naissance',
    title: 'Acte de naissance',
    text: 'Acte de naissance\nFaites votre demande en ligne sur service-public.fr.\nLa copie est gratuite.',
  }),
  '',
  JSON.stringify({
    url: 'https://www.ville-x.fr/actualites/marche-de-noel',
    title: 'Le marché de Noël revient',
    text: 'Actualités\nPublié le 2 décembre\nLe marché de Noël revient place de la mairie.',
  }),
  JSON.stringify({
    url: 'https://www.departement-x.fr/pmi/rendez-vous',
    html: '<html><head><title>PMI</title></head><body><main><h1>Prendre rendez-vous en PMI</h1><p>Consultations de nourrissons gratuites.</p><p><a href="https://www.rdv-solidarites.fr/prendre_rdv">Prendre rendez-vous en ligne</a></p></main></body></html>',
  }),
];

async function run(
  file: string,
  options: Parameters<typeof detectPagesFile>[1] = {},
): Promise<DetectOutputLine[]> {
  const out: DetectOutputLine[] = [];
  await detectPagesFile(file, options, (line) => out.push(line));
  return out;
}

describe('barometre detect (core)', () => {
  it('writes one line per input page, numbered as in the file, with the detections', async () => {
    const out = await run(jsonl('pages.jsonl', pages));
    expect(out.map((line) => [line.line, line.url])).toEqual([
      [1, 'https://www.ville-x.fr/etat-civil/acte-de-naissance'],
      [3, 'https://www.ville-x.fr/actualites/marche-de-noel'],
      [4, 'https://www.departement-x.fr/pmi/rendez-vous'],
    ]);
    expect(out[0]?.detections).toEqual([
      expect.objectContaining({
        service: 'acte-naissance',
        service_name: "Copie ou extrait d'acte de naissance",
        theme: 'etat-civil-citoyennete',
        level: 3,
        evidence: expect.objectContaining({ thirdParty: 'service-public' }),
      }),
    ]);
    expect(out[1]?.detections).toEqual([]);
    expect(out[2]?.detections.map((detection) => [detection.service, detection.level])).toEqual([
      ['pmi-consultations', 2],
    ]);
  });

  it('looks only for the services of the requested competence kinds', async () => {
    const out = await run(jsonl('kinds.jsonl', pages), { kinds: ['departement'] });
    expect(out[0]?.detections).toEqual([]);
    expect(out[2]?.detections).toHaveLength(1);
  });

  it('writes weaker detections when asked with a lower minimum confidence', async () => {
    const strict = await run(jsonl('strict.jsonl', pages), { minConfidence: 0.99 });
    expect(strict.every((line) => line.detections.length === 0)).toBe(true);
  });

  it('checks every line first and reports all bad lines, writing nothing', async () => {
    const file = jsonl('bad.jsonl', [
      pages[0] as string,
      '{"url": "https://x.fr/a", "title": ',
      '["not", "an", "object"]',
      '{"url": "ftp://x.fr/a", "text": "x"}',
      '{"url": "https://x.fr/b", "title": "Sans texte"}',
    ]);
    const written: DetectOutputLine[] = [];
    const failure = await detectPagesFile(file, {}, (line) => written.push(line)).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).code).toBe('input_invalid');
    expect((failure as UserError).problems.map((problem) => [problem.file, problem.line])).toEqual([
      ['bad.jsonl', 2],
      ['bad.jsonl', 3],
      ['bad.jsonl', 4],
      ['bad.jsonl', 5],
    ]);
    expect((failure as UserError).problems[0]?.message).toContain('JSON invalide');
    expect(written).toEqual([]);
  });

  it('reports a missing file as not found', async () => {
    const failure = await run(path.join(dir, 'absent.jsonl')).catch((error: unknown) => error);
    expect((failure as UserError).code).toBe('not_found');
  });

  it('reports an unknown referential version as not found', async () => {
    const failure = await run(jsonl('version.jsonl', pages), { referential: '1999.1' }).catch(
      (error: unknown) => error,
    );
    expect((failure as UserError).code).toBe('not_found');
  });

  it('parses --kinds as a comma-separated list of competence kinds', () => {
    expect(parseKinds('departement, commune,commune')).toEqual(['departement', 'commune']);
    expect(() => parseKinds('canton')).toThrow(InvalidArgumentError);
    expect(() => parseKinds(',')).toThrow(InvalidArgumentError);
  });
});
