import type { AuthorityKind } from '../db/schema.ts';
import type { AuthorityScores } from './authority-indicators.rules.ts';
import type { Change, Ranking } from './ranking.rules.ts';

/** One authority's indicators in an edition, as computed and as read back from storage. */
export interface AuthorityIndicators extends AuthorityScores, Ranking {
  authorityId: number;
  code: string;
  name: string;
  kind: AuthorityKind;
  /** « kind:stratum », null when the population is unknown. */
  peerGroup: string | null;
  population: number | null;
  operatingRevenue: number | null;
  revenueYear: number | null;
  revenuePerInhabitant: number | null;
  hasWebsite: boolean;
  change: Change;
}
