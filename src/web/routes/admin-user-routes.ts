import type { Context } from 'hono';
import { canManageUsers } from '../../accounts/authorization.rules.ts';
import { AUTHORITY_KINDS, USER_ROLES, type UserRole } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { NewUserPage, type NewUserView, UserPage, UsersPage, userPath } from '../pages/admin-users.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { AppEnv } from '../session/session.ts';
import type { WebServices } from '../web-services.ts';
import { attempt, csrfOf, positiveInteger, signedIn } from './back-office-forms.ts';
import { formFields } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

type Ctx = Context<AppEnv>;

const NOTICES: Record<string, string> = {
  cree: 'Compte créé : un lien pour choisir son mot de passe a été envoyé.',
  lien: 'Un lien de nouveau mot de passe a été envoyé.',
  desactive: 'Compte désactivé : ses sessions sont fermées.',
};

/** Accounts, for administrators: list, create, disable, send a reset link; each change is logged. */
export function userAdminRoutes(services: WebServices, chromeFor: ChromeFor): GuardedRoute[] {
  const origin = (c: Ctx) => new URL(c.req.url).origin;

  const userPage = async (c: Ctx, notice: string | undefined, errors: FieldError[] = []) => {
    const id = positiveInteger(c.req.param('id'), 'id');
    const user = (await services.userAdmin.list()).find((u) => u.id === id);
    if (!user) throw new UserError('not_found', 'Compte introuvable');
    const view = {
      user,
      self: user.id === signedIn(c).id,
      csrfToken: csrfOf(c),
      now: new Date(),
      notice,
      errors,
    };
    return render(c, UserPage({ chrome: chromeFor(c), view }), errors.length ? 409 : 200);
  };

  const newUserPage = (c: Ctx, values: NewUserView['values'], errors: FieldError[]) =>
    render(
      c,
      NewUserPage({ chrome: chromeFor(c), view: { csrfToken: csrfOf(c), values, errors } }),
      errors.length ? 400 : 200,
    );

  return [
    adminRoute(
      'GET',
      '/admin/comptes',
      canManageUsers,
      async (c) =>
        render(
          c,
          UsersPage({
            chrome: chromeFor(c),
            view: { users: await services.userAdmin.list(), now: new Date() },
          }),
        ),
      'Comptes : création, désactivation, nouveau mot de passe',
    ),
    adminRoute('GET', '/admin/comptes/nouveau', canManageUsers, (c) =>
      newUserPage(c, { name: '', email: '', role: 'analyst', kind: 'departement', codes: '' }, []),
    ),
    adminRoute('POST', '/admin/comptes/nouveau', canManageUsers, async (c) => {
      const field = await formFields(c);
      const values = {
        name: field('nom'),
        email: field('email'),
        role: field('role'),
        kind: field('type'),
        codes: field('codes'),
      };
      const errors: FieldError[] = [];
      if (!values.name.trim()) errors.push({ field: 'nom', message: 'Saisissez le nom de la personne' });
      if (!values.email.trim())
        errors.push({ field: 'email', message: 'Saisissez son adresse électronique' });
      const role = USER_ROLES.find((r) => r === values.role);
      if (!role) errors.push({ field: 'role', message: 'Choisissez un rôle' });
      const kind = AUTHORITY_KINDS.find((k) => k === values.kind);
      const codes = values.codes
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase());
      if (role === 'authority' && (!kind || codes.length === 0))
        errors.push({ field: 'codes', message: 'Donnez le type et le code d’au moins une collectivité' });
      if (role && role !== 'authority' && codes.length)
        errors.push({
          field: 'codes',
          message: 'Seul un représentant de collectivité est rattaché à des collectivités',
        });
      if (errors.length || !role) return newUserPage(c, values, errors);
      const created = await attempt('email', async () => {
        const authorities =
          role === 'authority' && kind ? await services.userAdmin.authoritiesByCode(kind, codes) : [];
        return services.userAdmin.create(
          {
            name: values.name,
            email: values.email,
            role: role as UserRole,
            authorityIds: authorities.map((a) => a.id),
          },
          signedIn(c).email,
          origin(c),
        );
      });
      if (!created.ok) return newUserPage(c, values, created.errors);
      return c.redirect(`${userPath(created.value.id)}?fait=cree`, 303);
    }),
    adminRoute('GET', '/admin/comptes/:id', canManageUsers, (c) =>
      userPage(c, NOTICES[c.req.query('fait') ?? '']),
    ),
    adminRoute('POST', '/admin/comptes/:id', canManageUsers, async (c) => {
      const id = positiveInteger(c.req.param('id'), 'id');
      const action = (await formFields(c))('action');
      const actor = signedIn(c).email;
      const done = await attempt('action', async () => {
        if (action === 'desactiver') await services.userAdmin.disable(id, actor);
        else if (action === 'reinitialiser') await services.userAdmin.sendPasswordReset(id, actor, origin(c));
        else throw new UserError('input_invalid', 'Action inconnue');
        return action === 'desactiver' ? 'desactive' : 'lien';
      });
      if (!done.ok) return userPage(c, undefined, done.errors);
      return c.redirect(`${userPath(id)}?fait=${done.value}`, 303);
    }),
  ];
}
