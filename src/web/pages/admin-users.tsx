import { ROLE_LABELS } from '../../accounts/accounts.rules.ts';
import type { UserListItem } from '../../accounts/users.repository.ts';
import { AUTHORITY_KINDS, USER_ROLES } from '../../db/schema.ts';
import { formatDate, frenchTypography } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import {
  ActionButton,
  NoticeBanner,
  ProblemBanner,
  SelectField,
  SummaryList,
} from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { BACK_OFFICE_CRUMB } from './admin-editions.tsx';

const USERS_CRUMB = { href: '/admin/comptes', label: 'Comptes' };
export const userPath = (id: number) => `/admin/comptes/${id}`;

function stateOf(user: UserListItem, now: Date): string {
  if (user.disabled) return 'Désactivé';
  if (user.lockedUntil && new Date(user.lockedUntil) > now)
    return `Verrouillé jusqu’au ${formatDate(user.lockedUntil)}`;
  return 'Actif';
}

const authoritiesOf = (user: UserListItem) =>
  user.authorities.length ? user.authorities.map((a) => `${a.name} (${a.code})`).join(', ') : '—';

export function UsersPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { users: readonly UserListItem[]; now: Date };
}) {
  return (
    <Layout chrome={chrome} title="Comptes" breadcrumbs={[BACK_OFFICE_CRUMB]}>
      <h1 class="govuk-heading-l">Comptes</h1>
      <a class="govuk-button" href="/admin/comptes/nouveau">
        Créer un compte
      </a>
      <DataTable
        caption="Comptes de l’espace de gestion"
        rows={view.users}
        columns={[
          {
            header: 'Nom',
            cell: (u) => (
              <a class="govuk-link" href={userPath(u.id)}>
                {u.name}
              </a>
            ),
          },
          { header: 'Adresse électronique', cell: (u) => u.email },
          { header: 'Rôle', cell: (u) => ROLE_LABELS[u.role] },
          { header: 'Collectivités', cell: authoritiesOf },
          { header: 'État', cell: (u) => stateOf(u, view.now) },
        ]}
      />
    </Layout>
  );
}

export interface NewUserView {
  csrfToken: string;
  errors: readonly FieldError[];
  values: { name: string; email: string; role: string; kind: string; codes: string };
}

export function NewUserPage({ chrome, view }: { chrome: PageChrome; view: NewUserView }) {
  const { values, errors } = view;
  return (
    <FormPage chrome={chrome} title="Créer un compte" errors={errors}>
      <h1 class="govuk-heading-l">Créer un compte</h1>
      <p class="govuk-body">
        {frenchTypography(
          'La personne reçoit par courriel un lien, valable une heure, pour choisir son mot de passe : vous ne le connaissez jamais.',
        )}
      </p>
      <form action="/admin/comptes/nouveau" method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField id="nom" label="Nom" type="text" autocomplete="off" value={values.name} errors={errors} />
        <TextField
          id="email"
          label="Adresse électronique"
          type="email"
          autocomplete="off"
          value={values.email}
          errors={errors}
        />
        <SelectField
          id="role"
          label="Rôle"
          options={USER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          value={values.role}
          errors={errors}
        />
        <SelectField
          id="type"
          label="Type des collectivités représentées"
          hint="Pour un représentant de collectivité seulement."
          options={AUTHORITY_KINDS.map((kind) => ({ value: kind, label: authorityKindName(kind) }))}
          value={values.kind}
          errors={errors}
        />
        <TextField
          id="codes"
          label="Codes des collectivités représentées"
          hint="Codes INSEE ou SIREN, séparés par des virgules ou des espaces ; pour un représentant seulement."
          type="text"
          autocomplete="off"
          value={values.codes}
          errors={errors}
        />
        <button type="submit" class="govuk-button">
          Créer le compte et envoyer le lien
        </button>
      </form>
    </FormPage>
  );
}

export interface UserView {
  user: UserListItem;
  self: boolean;
  csrfToken: string;
  now: Date;
  notice: string | undefined;
  errors: readonly FieldError[];
}

export function UserPage({ chrome, view }: { chrome: PageChrome; view: UserView }) {
  const { user } = view;
  const rows: [string, string][] = [
    ['Adresse électronique', user.email],
    ['Rôle', ROLE_LABELS[user.role]],
    ['Collectivités', authoritiesOf(user)],
    ['État', stateOf(user, view.now)],
  ];
  return (
    <Layout chrome={chrome} title={`Compte de ${user.name}`} breadcrumbs={[BACK_OFFICE_CRUMB, USERS_CRUMB]}>
      {view.notice ? <NoticeBanner success title="Succès" message={view.notice} /> : null}
      {view.errors.map((error) => (
        <ProblemBanner message={error.message} />
      ))}
      <span class="govuk-caption-l">Compte</span>
      <h1 class="govuk-heading-l">{user.name}</h1>
      <SummaryList rows={rows} />
      {user.disabled ? null : (
        <div>
          <ActionButton
            action={userPath(user.id)}
            csrfToken={view.csrfToken}
            fields={{ action: 'reinitialiser' }}
            label="Envoyer un lien de nouveau mot de passe"
            secondary
          />
          {view.self ? null : (
            <ActionButton
              action={userPath(user.id)}
              csrfToken={view.csrfToken}
              fields={{ action: 'desactiver' }}
              label="Désactiver le compte"
              warning
            />
          )}
        </div>
      )}
    </Layout>
  );
}
