/**
 * A statistic that cannot be computed on the data at hand is a value, not a NaN: callers
 * show its French message ("non calculable : …") instead of a number. Programming errors
 * (samples of different lengths, NaN or infinite inputs, labels outside the declared
 * categories) are thrown, since no page should render them.
 */

export type NotComputableReason =
  /** Fewer usable observations than the statistic needs. */
  | 'too_few_observations'
  /** One variable takes a single value: a correlation or a slope has no meaning. */
  | 'zero_variance'
  /** Both raters used one and the same category throughout: chance agreement is total. */
  | 'no_variation_in_ratings';

export interface NotComputable {
  status: 'not_computable';
  reason: NotComputableReason;
  /** French, for the reader. */
  message: string;
}

export function notComputable(reason: NotComputableReason, detail?: string): NotComputable {
  const base = NOT_COMPUTABLE_MESSAGES[reason];
  return { status: 'not_computable', reason, message: detail === undefined ? base : `${base} (${detail})` };
}

export const NOT_COMPUTABLE_MESSAGES: Readonly<Record<NotComputableReason, string>> = {
  too_few_observations: 'Non calculable : trop peu d’observations',
  zero_variance: 'Non calculable : l’une des deux variables ne varie pas',
  no_variation_in_ratings:
    'Non calculable : les deux évaluateurs ont attribué partout la même modalité, l’accord attendu par hasard est total',
};

/** A value is missing when null or undefined; a number that is not finite is a bug upstream. */
export function isMissing(value: number | null | undefined): value is null | undefined {
  if (value === null || value === undefined) return true;
  if (!Number.isFinite(value)) {
    throw new RangeError(`Valeur non finie reçue par un calcul statistique : ${value}`);
  }
  return false;
}
