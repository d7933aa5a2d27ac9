/**
 * Digitalisation levels of a service, defined once for the crawler, the analysts, the
 * indicators and the reports. Levels are ordered: each one includes what the previous offers.
 */

export type DigitalisationLevel = 0 | 1 | 2 | 3 | 4;
export type DigitalisationLevelKey = 'absent' | 'information' | 'partial' | 'online' | 'end_to_end';

export interface DigitalisationLevelDefinition {
  level: DigitalisationLevel;
  key: DigitalisationLevelKey;
  /** Short French label, for tables and badges. */
  label: string;
  /** French definition, for the methodology and the analysts' review form. */
  description: string;
}

export const DIGITALISATION_LEVELS = [
  {
    level: 0,
    key: 'absent',
    label: 'Absent',
    description: 'Le site de la collectivité ne mentionne pas le service.',
  },
  {
    level: 1,
    key: 'information',
    label: 'Information seule',
    description:
      'Le site présente le service (conditions, pièces à fournir, contacts) sans permettre de le demander à distance.',
  },
  {
    level: 2,
    key: 'partial',
    label: 'Démarche partielle',
    description:
      'Une partie de la démarche se fait à distance : formulaire à télécharger puis à renvoyer, prise de rendez-vous ou demande par courriel.',
  },
  {
    level: 3,
    key: 'online',
    label: 'Dépôt en ligne',
    description:
      'La demande se dépose en ligne, mais son suivi, la décision ou le paiement passent par un autre canal.',
  },
  {
    level: 4,
    key: 'end_to_end',
    label: 'De bout en bout',
    description:
      'La demande se dépose en ligne, avec suivi de son avancement et décision ou paiement en ligne.',
  },
] as const satisfies readonly DigitalisationLevelDefinition[];

export function isDigitalisationLevel(value: unknown): value is DigitalisationLevel {
  return value === 0 || value === 1 || value === 2 || value === 3 || value === 4;
}

export function digitalisationLevel(level: DigitalisationLevel): DigitalisationLevelDefinition {
  return DIGITALISATION_LEVELS[level];
}

/** "Bout en bout": the whole démarche, from request to decision or payment, happens online. */
export function isEndToEnd(level: DigitalisationLevel): boolean {
  return level === 4;
}

/** "Partiel": something can be done remotely, but not the whole démarche. */
export function isPartial(level: DigitalisationLevel): boolean {
  return level === 2 || level === 3;
}

/** At least part of the démarche can be done remotely (levels 2 to 4). */
export function isDigitalised(level: DigitalisationLevel): boolean {
  return level >= 2;
}
