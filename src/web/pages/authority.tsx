import type { AssessedService } from '../../assessments/assessments.repository.ts';
import type { SiteAuditOverview } from '../../audits/audits.repository.ts';
import type { AssessmentSource, EditionRow } from '../../db/schema.ts';
import type { AuthorityHistoryEntry } from '../../indicators/queries/authority-history.query.ts';
import { formatEuros, formatInteger, frenchTypography, plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { AuthorityProfile } from '../../territories/authority-profile.repository.ts';
import type { Crumb } from '../components/breadcrumbs.tsx';
import { SummaryList } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { authorityPath } from '../routes/kind-slugs.ts';
import { HistorySection } from './authority-history.tsx';
import {
  ContestLink,
  PeerComparisonSection,
  PortalChecks,
  type Scorecard,
  ScoreFigures,
} from './authority-scorecard.tsx';
import { spacePath } from './authority-space.tsx';
import { EditionBanner } from './home.tsx';

export interface AuthorityView {
  profile: AuthorityProfile;
  edition: EditionRow | undefined;
  services: AssessedService[];
  audit: SiteAuditOverview | undefined;
  /** Undefined until the edition's indicators are computed, or when the authority is not in its panel. */
  scorecard?: Scorecard | undefined;
  /** The authority's index, end-to-end count and rank in each computed edition. */
  history?: readonly AuthorityHistoryEntry[];
  /** Its published initiatives (registry), latest year first, domains by label. */
  initiatives?: readonly { title: string; year: number; domains: string[] }[];
}

const SOURCE_LABELS: Record<AssessmentSource, string> = {
  crawler: 'Robot (proposition)',
  analyst: 'Analyste',
  survey: 'Enquête',
  declared: 'Déclaré par la collectivité',
};

export function AuthorityPage({ chrome, view }: { chrome: PageChrome; view: AuthorityView }) {
  const { profile } = view;
  const kind = authorityKindName(profile.kind);
  return (
    <Layout chrome={chrome} title={profile.name} breadcrumbs={crumbs(profile)}>
      <span class="govuk-caption-l">{`${kind.charAt(0).toUpperCase()}${kind.slice(1)} · ${profile.code}`}</span>
      <h1 class="govuk-heading-xl">{profile.name}</h1>
      <EditionBanner edition={view.edition} simulated={view.audit?.runOptions.simulated === true} />
      <Identity profile={profile} />
      {view.scorecard ? <ScoreFigures scorecard={view.scorecard} /> : null}
      {view.scorecard ? <PeerComparisonSection scorecard={view.scorecard} /> : null}
      <HistorySection history={view.history ?? []} />
      <Assessments view={view} />
      <PortalChecks audit={view.audit} />
      <AuthorityInitiatives initiatives={view.initiatives ?? []} />
      {/* A representative signs in and lands in the authority's space, where contests are filed. */}
      {view.edition ? <ContestLink path={spacePath(profile)} /> : null}
    </Layout>
  );
}

function AuthorityInitiatives({ initiatives }: { initiatives: NonNullable<AuthorityView['initiatives']> }) {
  if (initiatives.length === 0) return null;
  return (
    <section aria-labelledby="initiatives">
      <h2 class="govuk-heading-l" id="initiatives">
        Initiatives numériques
      </h2>
      <DataTable
        caption={`${plural(initiatives.length, 'initiative publiée', 'initiatives publiées')} au registre`}
        captionClass="govuk-table__caption--s"
        rows={initiatives}
        columns={[
          { header: 'Initiative', cell: (i) => frenchTypography(i.title) },
          { header: 'Année', cell: (i) => String(i.year) },
          { header: 'Domaines', cell: (i) => i.domains.join(', ') },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href="/initiatives">
          Le registre des initiatives
        </a>
      </p>
    </section>
  );
}

function crumbs(profile: AuthorityProfile): Crumb[] {
  const list: Crumb[] = [{ href: '/', label: 'Accueil' }];
  if (profile.region) list.push({ href: authorityPath(profile.region), label: profile.region.name });
  if (profile.departement)
    list.push({ href: authorityPath(profile.departement), label: profile.departement.name });
  return list;
}

function Identity({ profile }: { profile: AuthorityProfile }) {
  const rows: [string, unknown][] = [
    ['Type', authorityKindName(profile.kind)],
    [profile.kind === 'epci' ? 'SIREN' : 'Code officiel géographique', profile.code],
  ];
  if (profile.siren && profile.siren !== profile.code) rows.push(['SIREN', profile.siren]);
  rows.push([
    'Population',
    profile.population === null
      ? 'non connue'
      : `${formatInteger(profile.population)} habitants${profile.populationYear ? ` (population légale ${profile.populationYear})` : ''}`,
  ]);
  rows.push([
    'Recettes réelles de fonctionnement',
    profile.operatingRevenue
      ? `${formatEuros(profile.operatingRevenue.amount)} (${profile.operatingRevenue.year})`
      : 'non importées',
  ]);
  rows.push([
    'Site internet',
    profile.website ? (
      <a class="govuk-link" href={profile.website.url} rel="nofollow">
        {profile.website.url}
      </a>
    ) : (
      'non connu'
    ),
  ]);
  if (profile.region)
    rows.push(['Région', <a href={authorityPath(profile.region)}>{profile.region.name}</a>]);
  if (profile.departement)
    rows.push(['Département', <a href={authorityPath(profile.departement)}>{profile.departement.name}</a>]);
  if (profile.council)
    rows.push([
      'Compétences exercées par',
      <a href={authorityPath(profile.council)}>{profile.council.name}</a>,
    ]);
  if (profile.statusNote) rows.push(['Statut', profile.statusNote]);
  return (
    <section aria-labelledby="identite">
      <h2 class="govuk-heading-l" id="identite">
        Identité
      </h2>
      <SummaryList rows={rows} />
    </section>
  );
}

function Assessments({ view }: { view: AuthorityView }) {
  const { edition, services, profile } = view;
  const heading = (
    <h2 class="govuk-heading-l" id="services">
      Services en ligne
    </h2>
  );
  if (!edition) {
    return (
      <section aria-labelledby="services">
        {heading}
        <p class="govuk-body">Aucune édition n’a encore été créée.</p>
      </section>
    );
  }
  if (services.length === 0) {
    return (
      <section aria-labelledby="services">
        {heading}
        <p class="govuk-body">
          {frenchTypography(`Aucune évaluation de cette collectivité pour l’édition ${edition.year}.`)}
        </p>
        {profile.council ? (
          <p class="govuk-body">
            Les services de ce territoire relèvent de{' '}
            <a href={`${authorityPath(profile.council)}#services`}>{profile.council.name}</a>.
          </p>
        ) : null}
      </section>
    );
  }
  const counts = [0, 0, 0, 0, 0];
  for (const s of services) counts[s.assessment.level] = (counts[s.assessment.level] ?? 0) + 1;
  const themes = groupByTheme(services);
  return (
    <section aria-labelledby="services">
      {heading}
      <p class="govuk-body">
        {frenchTypography(
          `${plural(services.length, 'service applicable évalué', 'services applicables évalués')} : ` +
            `${formatInteger(counts[4] ?? 0)} de bout en bout, ${formatInteger((counts[2] ?? 0) + (counts[3] ?? 0))} partiellement en ligne, ` +
            `${formatInteger(counts[1] ?? 0)} en information seule, ${plural(counts[0] ?? 0, 'non trouvé', 'non trouvés')}. ` +
            'Les niveaux sont définis dans la ',
        )}
        <a href="/methodologie#niveaux">méthodologie</a>.
      </p>
      {view.audit ? (
        <p class="govuk-body bm-muted">
          {frenchTypography(
            `Site examiné : ${view.audit.site.start_url} (${formatInteger(view.audit.site.pages)} pages collectées).`,
          )}
        </p>
      ) : null}
      {themes.map(([theme, list]) => (
        <DataTable
          caption={theme}
          rows={list}
          columns={[
            { header: 'Service', cell: (s) => s.serviceName },
            { header: 'Niveau', cell: (s) => <LevelTag level={s.assessment.level} /> },
            { header: 'Plateforme', cell: (s) => s.assessment.platform ?? '—' },
            { header: 'Source', cell: (s) => SOURCE_LABELS[s.assessment.source] },
            {
              header: 'Preuve',
              cell: (s) =>
                s.assessment.evidence_url ? (
                  <a class="govuk-link bm-nowrap" href={s.assessment.evidence_url} rel="nofollow">
                    Voir la page<span class="govuk-visually-hidden"> de preuve pour {s.serviceName}</span>
                  </a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      ))}
    </section>
  );
}

function groupByTheme(services: AssessedService[]): [string, AssessedService[]][] {
  const groups = new Map<string, AssessedService[]>();
  for (const service of services)
    groups.set(service.themeName, [...(groups.get(service.themeName) ?? []), service]);
  return [...groups];
}
