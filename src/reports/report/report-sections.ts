/**
 * The report's sections, in order: the table of contents, the headings and the test that
 * looks for each title in the printed PDF read from this one list.
 */
export const REPORT_SECTIONS = {
  summary: 'Principaux enseignements',
  method: 'Méthode',
  overview: 'Vue d’ensemble nationale',
  themes: 'Thématiques',
  distribution: 'Répartition des collectivités',
  correlations: 'Corrélations',
  portal: 'Qualité des portails',
  surveys: 'Résultats des enquêtes',
  initiatives: 'Initiatives numériques',
  annex: 'Annexe : résultats par collectivité',
} as const;

export type ReportSectionKey = keyof typeof REPORT_SECTIONS;

/**
 * Sections present in a report: surveys only when a campaign of the year has responses,
 * initiatives only when some were published for the year.
 */
export function reportSectionKeys(present: { surveys: boolean; initiatives: boolean }): ReportSectionKey[] {
  return (Object.keys(REPORT_SECTIONS) as ReportSectionKey[]).filter(
    (key) => (key !== 'surveys' || present.surveys) && (key !== 'initiatives' || present.initiatives),
  );
}
