import { auditSiteOfEvidence, simulatedSitesOfEdition } from '../../../audits/simulated-sites.ts';
import { ASSESSMENT_SOURCES } from '../../../db/schema.ts';
import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../../referential/levels.ts';
import { columnField } from '../fields.ts';
import { BATCH_SIZE, type Dataset } from './dataset.ts';

/**
 * The edition's current assessments, one per authority and service, with their evidence and
 * provenance. Reviewers' e-mail addresses are personal data and are not published: the
 * `revue_humaine` flag says whether a person stated the level.
 */
export const assessmentsDataset: Dataset = {
  name: 'evaluations',
  title: 'Évaluations des services en ligne',
  description:
    'Une ligne par collectivité et service attendu : niveau de numérisation retenu, preuve (page, expressions et signaux repérés) et provenance.',
  primaryKey: ['id_evaluation'],
  fields: [
    columnField('assessments', 'id', {
      name: 'id_evaluation',
      title: 'Numéro de l’évaluation',
      type: 'integer',
      constraints: { required: true },
    }),
    columnField('authorities', 'kind', {
      name: 'type_collectivite',
      title: 'Type de collectivité',
      type: 'string',
    }),
    columnField('authorities', 'code', {
      name: 'code_collectivite',
      title: 'Code de la collectivité',
      type: 'string',
      constraints: { required: true },
    }),
    columnField('authorities', 'name', { name: 'nom_collectivite', title: 'Collectivité', type: 'string' }),
    columnField('themes', 'key', { name: 'cle_thematique', title: 'Clé de la thématique', type: 'string' }),
    columnField('themes', 'name', { name: 'thematique', title: 'Thématique', type: 'string' }),
    columnField('services', 'key', {
      name: 'cle_service',
      title: 'Clé du service',
      type: 'string',
      constraints: { required: true },
    }),
    columnField('services', 'name', { name: 'service', title: 'Service', type: 'string' }),
    columnField('assessments', 'level', {
      name: 'niveau',
      title: 'Niveau de numérisation',
      type: 'integer',
      constraints: { required: true, minimum: 0, maximum: 4 },
    }),
    {
      name: 'libelle_niveau',
      title: 'Libellé du niveau',
      type: 'string',
      description: 'Nom du niveau de numérisation (docs/methodology.md).',
      constraints: { enum: DIGITALISATION_LEVELS.map((level) => level.label) },
    },
    columnField('assessments', 'source', {
      name: 'source',
      title: 'Provenance',
      type: 'string',
      constraints: { required: true, enum: ASSESSMENT_SOURCES },
    }),
    {
      name: 'revue_humaine',
      title: 'Revue par une personne',
      type: 'boolean',
      description:
        'Vrai quand un analyste (ou un arbitre, ou une décision sur contestation) a fixé ce niveau.',
    },
    columnField('assessments', 'confidence', {
      name: 'confiance',
      title: 'Confiance de la détection',
      type: 'number',
      constraints: { minimum: 0, maximum: 1 },
    }),
    columnField('assessments', 'evidence_url', {
      name: 'url_preuve',
      title: 'Page de preuve',
      type: 'string',
    }),
    columnField('assessments', 'platform', { name: 'plateforme', title: 'Plateforme', type: 'string' }),
    columnField('assessments', 'channel', { name: 'canal', title: 'Canal', type: 'string' }),
    {
      name: 'expressions_reperees',
      title: 'Expressions repérées',
      type: 'string',
      description: 'Expressions du service trouvées sur les pages de preuve, séparées par « | ».',
    },
    {
      name: 'signaux',
      title: 'Signaux du niveau',
      type: 'string',
      description:
        'Signaux qui ont décidé du niveau (démarche en ligne, paiement, compte usager…), séparés par « | ».',
    },
    {
      name: 'donnees_simulees',
      title: 'Données simulées',
      type: 'boolean',
      description:
        'Vrai quand l’évaluation vient d’un audit de la ferme de sites simulés (démonstration, essais) : le service est fictif.',
    },
    columnField('assessments', 'comment', { name: 'commentaire', title: 'Commentaire', type: 'string' }),
    columnField('assessments', 'created_at', {
      name: 'date_evaluation',
      title: 'Date de l’évaluation',
      type: 'datetime',
      constraints: { required: true },
    }),
  ],
  async *rows(db, edition) {
    const simulatedSites = await simulatedSitesOfEdition(db, edition.id);
    for (let after = 0; ; ) {
      const batch = await db
        .selectFrom('current_assessments as a')
        .innerJoin('authorities as au', 'au.id', 'a.authority_id')
        .innerJoin('services as s', 's.id', 'a.service_id')
        .innerJoin('themes as t', (join) =>
          join
            .onRef('t.key', '=', 's.theme_key')
            .onRef('t.referential_version', '=', 's.referential_version'),
        )
        .select([
          'a.id',
          'a.level',
          'a.source',
          'a.reviewer',
          'a.confidence',
          'a.evidence_url',
          'a.platform',
          'a.channel',
          'a.evidence',
          'a.comment',
          'a.created_at',
          'au.kind',
          'au.code',
          'au.name as authorityName',
          't.key as themeKey',
          't.name as themeName',
          's.key as serviceKey',
          's.name as serviceName',
        ])
        .where('a.edition_id', '=', edition.id)
        .where('a.id', '>', after)
        .orderBy('a.id')
        .limit(BATCH_SIZE)
        .execute();
      if (batch.length === 0) return;
      after = batch[batch.length - 1]?.id ?? after;
      yield batch.map((row) => {
        const { phrases, signals } = evidenceSummary(row.evidence);
        const site = simulatedSites.size === 0 ? undefined : auditSiteOfEvidence(row.evidence);
        return {
          id_evaluation: row.id,
          type_collectivite: row.kind,
          code_collectivite: row.code,
          nom_collectivite: row.authorityName,
          cle_thematique: row.themeKey,
          thematique: row.themeName,
          cle_service: row.serviceKey,
          service: row.serviceName,
          niveau: row.level,
          libelle_niveau: isDigitalisationLevel(row.level) ? DIGITALISATION_LEVELS[row.level].label : null,
          source: row.source,
          revue_humaine: row.reviewer !== null,
          confiance: row.confidence,
          url_preuve: row.evidence_url,
          plateforme: row.platform,
          canal: row.channel,
          expressions_reperees: phrases,
          signaux: signals,
          donnees_simulees: site !== undefined && simulatedSites.has(site),
          commentaire: row.comment,
          date_evaluation: row.created_at,
        };
      });
    }
  },
};

/** The distinct phrases and signals of an assessment's evidence pages, as published text. */
export function evidenceSummary(evidence: string): { phrases: string | null; signals: string | null } {
  const parsed = JSON.parse(evidence) as { pages?: { phrases?: unknown; signals?: unknown }[] };
  const phrases = new Set<string>();
  const signals = new Set<string>();
  for (const page of Array.isArray(parsed.pages) ? parsed.pages : []) {
    for (const phrase of Array.isArray(page.phrases) ? page.phrases : []) phrases.add(String(phrase));
    for (const signal of Array.isArray(page.signals) ? page.signals : []) signals.add(String(signal));
  }
  const joined = (values: Set<string>) => (values.size === 0 ? null : [...values].join(' | '));
  return { phrases: joined(phrases), signals: joined(signals) };
}
