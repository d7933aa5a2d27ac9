import type { ReferentialService } from '../referential/referential.schema.ts';
import type { DigitalisedLevel, ServiceChannel } from './farm.types.ts';
import { THIRD_PARTY_OPERATORS, type ThirdPartyOperator } from './platforms.ts';
import type { Rng } from './random.ts';

/**
 * Which services a site offers and how: a skewed distribution like France's, where a few
 * authorities offer most démarches end to end and many offer little more than information.
 */

/**
 * Maturity of each site from its rank (a seeded permutation): convex, so that about half the
 * sites sit below 0.35 (fewer than 10 end-to-end services in a département) and the top 6 %
 * above 0.86 (more than 50).
 */
export function maturities(count: number, rng: Rng): number[] {
  const ranks = rng.shuffle(Array.from({ length: count }, (_, index) => index));
  return ranks.map((rank) => {
    const quantile = (rank + 0.5) / count;
    const jitter = (rng.next() - 0.5) * 0.04;
    return clamp(0.05 + 0.9 * quantile ** 1.6 + jitter, 0, 1);
  });
}

/** Weights of levels 0 to 4 for one service of a site of maturity `m`. */
export function levelWeights(m: number): [number, number, number, number, number] {
  return [0.3 - 0.2 * m, 0.4 * (1 - m) + 0.04, 0.22 * (1 - m) + 0.04, 0.06 + 0.12 * m, 0.01 + 0.9 * m ** 2.2];
}

export interface PlannedService {
  service: ReferentialService;
  level: DigitalisedLevel;
  channel: ServiceChannel;
  thirdParty?: { operator: ThirdPartyOperator; linked: boolean; httpRedirect: boolean };
}

const BOOKABLE =
  /rendez-vous|consultation|vaccination|sante|archives|cni|mariage|pacs|passeport|orientation|adoption/;
const PAYABLE =
  /restauration|transport|facture|paiement|redevance|stationnement|taxe|billetterie|conservatoire|piscine|concession|pret|reservation|sejours|periscolaire|loisirs|creche|eau|portail-famille|fourriere|marches-forains|abonnement|mediatheque-inscription|activites|stages|teleassistance|enseignements/;

export function planServices(
  rng: Rng,
  services: readonly ReferentialService[],
  maturity: number,
  hasEservicesHost: boolean,
): PlannedService[] {
  const weights = levelWeights(maturity);
  const planned: PlannedService[] = [];
  for (const service of services) {
    const level = rng.weighted(weights.map((weight, index) => [index, weight] as const));
    if (level === 0) continue;
    const operator = THIRD_PARTY_OPERATORS[service.key];
    if (operator !== undefined && rng.chance(0.55)) {
      const linked = rng.chance(0.4 + 0.5 * maturity);
      planned.push({
        service,
        level: linked ? operator.level : 1,
        channel: 'third-party',
        thirdParty: { operator, linked, httpRedirect: linked && rng.chance(0.25) },
      });
      continue;
    }
    planned.push({
      service,
      level: level as DigitalisedLevel,
      channel: drawChannel(rng, service.key, level as DigitalisedLevel, hasEservicesHost),
    });
  }
  return planned;
}

function drawChannel(
  rng: Rng,
  key: string,
  level: DigitalisedLevel,
  hasEservicesHost: boolean,
): ServiceChannel {
  switch (level) {
    case 1:
      return 'information';
    case 2:
      return rng.weighted<ServiceChannel>([
        ['pdf-form', 55],
        ['booking', BOOKABLE.test(key) ? 45 : 0],
        ['email', 25],
      ]);
    case 3:
      return rng.weighted<ServiceChannel>([
        ['onsite-form', 45],
        ['platform-form', 35],
        ['eservices-form', hasEservicesHost ? 25 : 0],
      ]);
    case 4:
      if (PAYABLE.test(key) && rng.chance(0.7)) return 'payment';
      return rng.weighted<ServiceChannel>([
        ['account-followup', hasEservicesHost ? 60 : 30],
        ['platform-followup', 40],
      ]);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
