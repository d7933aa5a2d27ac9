import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  loadReferential,
} from '../referential/referential.loader.ts';
import { COMPETENCE_KINDS, type CompetenceKind } from '../referential/referential.schema.ts';
import { generateFarm } from './generate.ts';
import { levelCounts, levelDistribution } from './ground-truth.ts';
import { startFarm } from './server.ts';

/**
 * Starts a farm for manual crawling and prints its hosts, ports and ground truth summary.
 *   npx tsx test/farm/cli.ts --sites 5 --seed 1 [--kind commune] [--pages 150] [--latency 50]
 *     [--real-hosts] [--http-only] [--ground-truth farm.json] [--no-serve]
 */

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    kind: { type: 'string', default: 'departement' },
    pages: { type: 'string', default: '150' },
    latency: { type: 'string', default: '0' },
    'real-hosts': { type: 'boolean', default: false },
    'http-only': { type: 'boolean', default: false },
    'ground-truth': { type: 'string' },
    'no-serve': { type: 'boolean', default: false },
  },
});

function integer(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} : entier positif attendu, reçu « ${raw} »`);
  return value;
}

const kind = values.kind as CompetenceKind;
if (!COMPETENCE_KINDS.includes(kind))
  throw new Error(`--kind : attendu parmi ${COMPETENCE_KINDS.join(', ')}`);
const root = defaultReferentialRoot();
const referential = await loadReferential(path.join(root, await latestReferentialVersion(root)));
const started = performance.now();
const farm = generateFarm({
  seed: integer('seed', values.seed),
  sites: integer('sites', values.sites),
  referential,
  kind,
  pagesPerSite: integer('pages', values.pages),
  useRealHosts: values['real-hosts'],
  https: !values['http-only'],
});
console.log(
  `Ferme générée en ${Math.round(performance.now() - started)} ms : ${farm.sites.length} sites simulés, ${farm.hosts().length} hôtes, référentiel ${farm.referentialVersion}.`,
);
if (values['ground-truth']) {
  fs.writeFileSync(values['ground-truth'], farm.groundTruthJson());
  console.log(`Vérité terrain écrite dans ${values['ground-truth']}.`);
}

console.log('\nsite  niv.0 niv.1 niv.2 niv.3 niv.4  pages  accueil');
for (const site of farm.sites) {
  const counts = levelCounts(site)
    .map((count) => String(count).padStart(5))
    .join(' ');
  const alias = site.aliasOf === undefined ? '' : ` (même site que ${site.aliasOf})`;
  console.log(
    `${site.code.padEnd(5)} ${counts} ${String(site.groundTruth.pageCount).padStart(6)}  ${site.homeUrl}${alias}`,
  );
}
const distribution = levelDistribution(farm.sites);
console.log(
  `\nTotal par niveau : ${distribution.totals.join(' / ')} ; sites avec plus de 50 services de bout en bout : ${distribution.sitesOver50EndToEnd} ; moins de 10 : ${distribution.sitesUnder10EndToEnd}`,
);

if (!values['no-serve']) {
  const running = await startFarm(farm, { latencyMs: integer('latency', values.latency) });
  console.log(
    `\nServeur http : 127.0.0.1:${running.httpPort}${running.httpsPort ? ` ; https : 127.0.0.1:${running.httpsPort}` : ''}`,
  );
  if (running.ca) {
    const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'farm-')), 'farm-ca.pem');
    fs.writeFileSync(caFile, running.ca);
    console.log(`Certificat de l’autorité de la ferme : ${caFile}`);
  }
  const first = farm.sites[0];
  if (first) {
    const connect = [
      `--connect-to :80:127.0.0.1:${running.httpPort}`,
      ...(running.httpsPort
        ? [`--connect-to :443:127.0.0.1:${running.httpsPort} --cacert <certificat>`]
        : []),
    ].join(' ');
    console.log(`Exemple : curl -L ${connect} '${first.homeUrl}'`);
  }
  console.log('Ctrl-C pour arrêter.');
  process.once('SIGINT', () => {
    void running.close().then(() => process.exit(0));
  });
}
