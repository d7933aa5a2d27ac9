import type { AuthorityKind } from '../db/schema.ts';
import { authorityKindName } from '../territories/authority-lookup.ts';
import { PROFILE_LABELS, SIZE_BANDS, SIZE_LABELS, sizeBand } from './campaign.rules.ts';
import type { RecipientGroupCount } from './response-rates.query.ts';

/** Response rates of a campaign, overall and by kind of authority, région, size band and profile. */

export interface RateLine {
  key: string;
  label: string;
  recipients: number;
  invited: number;
  submitted: number;
  /** Submitted / invited; null before any invitation. */
  rate: number | null;
}

export interface ResponseRates {
  total: RateLine;
  byKind: RateLine[];
  byRegion: RateLine[];
  bySize: RateLine[];
  byProfile: RateLine[];
}

const KIND_ORDER: readonly AuthorityKind[] = [
  'region',
  'collectivite_unique',
  'departement',
  'epci',
  'commune',
];

export function responseRates(groups: readonly RecipientGroupCount[]): ResponseRates {
  const rollUp = (keyOf: (g: RecipientGroupCount) => [string, string], order?: readonly string[]) => {
    const lines = new Map<string, RateLine>();
    for (const group of groups) {
      const [key, label] = keyOf(group);
      const line = lines.get(key) ?? { key, label, recipients: 0, invited: 0, submitted: 0, rate: null };
      line.recipients += group.recipients;
      line.invited += group.invited;
      line.submitted += group.submitted;
      lines.set(key, line);
    }
    const result = [...lines.values()].map((line) => ({
      ...line,
      rate: line.invited > 0 ? line.submitted / line.invited : null,
    }));
    return order
      ? result.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
      : result.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  };
  return {
    total: rollUp(() => ['total', 'Ensemble'])[0] ?? {
      key: 'total',
      label: 'Ensemble',
      recipients: 0,
      invited: 0,
      submitted: 0,
      rate: null,
    },
    byKind: rollUp((g) => [g.kind, capitalise(authorityKindName(g.kind))], KIND_ORDER),
    byRegion: rollUp((g) => [g.regionCode ?? 'inconnue', g.regionName ?? 'Région inconnue']),
    bySize: rollUp((g) => {
      const band = sizeBand(g.population);
      return [band, SIZE_LABELS[band]];
    }, SIZE_BANDS),
    byProfile: rollUp((g) => [g.profile, PROFILE_LABELS[g.profile]], Object.keys(PROFILE_LABELS)),
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
