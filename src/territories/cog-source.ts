import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Code officiel géographique as shipped by @etalab/decoupage-administratif 6.0.0
 * (COG 2026, INSEE legal populations, DGCL EPCI composition). Its main entry resolves files
 * from the working directory, so we read its data files directly.
 */
export const COG_PACKAGE = '@etalab/decoupage-administratif';

export interface CogRegion {
  code: string;
  nom: string;
  zone: 'metro' | 'drom' | 'com';
}
export interface CogDepartement {
  code: string;
  region: string;
  nom: string;
  zone: 'metro' | 'drom' | 'com';
}
export interface CogCommune {
  code: string;
  nom: string;
  type: string;
  zone: 'metro' | 'drom' | 'com';
  departement?: string;
  region?: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}

export interface CogData {
  version: string;
  regions: CogRegion[];
  departements: CogDepartement[];
  communes: CogCommune[];
  epci: CogEpci[];
}

export function readCogData(): CogData {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve(`${COG_PACKAGE}/package.json`);
  const dataDir = path.join(path.dirname(packageFile), 'data');
  const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8')) as T;
  const { version } = read<{ version: string }>('../package.json');
  return {
    version,
    regions: read('regions.json'),
    departements: read('departements.json'),
    communes: read('communes.json'),
    epci: read('epci.json'),
  };
}
