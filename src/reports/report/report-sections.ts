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
  initiatives: 'Initiatives numériques',
  annex: 'Annexe : résultats par collectivité',
} as const;

export type ReportSectionKey = keyof typeof REPORT_SECTIONS;

/** Sections present in a report: initiatives only when some were published for the year. */
export function reportSectionKeys(hasInitiatives: boolean): ReportSectionKey[] {
  return (Object.keys(REPORT_SECTIONS) as ReportSectionKey[]).filter(
    (key) => key !== 'initiatives' || hasInitiatives,
  );
}
