import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { UserError } from '../../shared/errors.ts';
import type { FieldError } from '../components/error-summary.tsx';
import type { TlsSettings } from '../middleware/security-headers.ts';
import { NewPasswordPage, ResetRequestPage } from '../pages/password-reset.tsx';
import { SignInPage } from '../pages/sign-in.tsx';
import { clientAddress } from '../session/client-address.ts';
import { ANONYMOUS_CSRF_COOKIE, formToken } from '../session/csrf.ts';
import { safeReturnPath } from '../session/guard.ts';
import {
  type AppEnv,
  clearSessionCookie,
  cookieOptions,
  SESSION_COOKIE,
  setSessionCookie,
} from '../session/session.ts';
import type { WebAccounts } from '../session/web-accounts.ts';
import { formFields } from './form-body.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

export interface AccountRoutesOptions {
  accounts: WebAccounts;
  chromeFor: ChromeFor;
  tls: TlsSettings;
  /** Origin of the links in e-mails; the request's own origin when the config leaves it unset. */
  publicUrl: string | undefined;
}

const EMAIL_MISSING: FieldError = { field: 'email', message: 'Saisissez votre adresse électronique' };

/** Sign in, sign out, forgotten password: the only forms the public may post. */
export function accountRoutes({ accounts, chromeFor, tls, publicUrl }: AccountRoutesOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/connexion', (c) => {
    if (c.get('user')) return c.redirect('/admin', 303);
    const notice =
      c.req.query('reinitialise') !== undefined
        ? 'Votre mot de passe est enregistré : connectez-vous avec lui.'
        : undefined;
    const view = {
      csrfToken: formToken(c, tls),
      email: '',
      returnTo: safeReturnPath(c.req.query('retour')),
      errors: [],
      ...(notice ? { notice } : {}),
    };
    return render(c, SignInPage({ chrome: chromeFor(c), view }));
  });

  routes.post('/connexion', async (c) => {
    const field = await formFields(c);
    const email = field('email').trim();
    const password = field('password');
    const returnTo = safeReturnPath(field('retour'));
    const refuse = (errors: FieldError[], status: 400 | 401) =>
      render(
        c,
        SignInPage({ chrome: chromeFor(c), view: { csrfToken: formToken(c, tls), email, returnTo, errors } }),
        status,
      );
    const missing: FieldError[] = [
      ...(email ? [] : [EMAIL_MISSING]),
      ...(password ? [] : [{ field: 'password', message: 'Saisissez votre mot de passe' }]),
    ];
    if (missing.length) return refuse(missing, 400);
    try {
      const session = await accounts.signIn({ email, password, client: clientAddress(c, tls.trustProxy) });
      // Whatever session the browser carried ends here; the new one has a token nobody saw before.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await accounts.signOut(previous);
      setSessionCookie(c, tls, session.token, session.expiresAt);
      deleteCookie(c, ANONYMOUS_CSRF_COOKIE, cookieOptions(c, tls));
      return c.redirect(returnTo, 303);
    } catch (error) {
      if (error instanceof UserError && error.code === 'unauthenticated')
        return refuse([{ field: 'email', message: error.message }], 401);
      throw error;
    }
  });

  routes.post('/deconnexion', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await accounts.signOut(token);
    clearSessionCookie(c, tls);
    return c.redirect('/', 303);
  });

  routes.get('/compte/mot-de-passe-oublie', (c) =>
    render(
      c,
      ResetRequestPage({
        chrome: chromeFor(c),
        view: { csrfToken: formToken(c, tls), email: '', errors: [], sent: false },
      }),
    ),
  );

  routes.post('/compte/mot-de-passe-oublie', async (c) => {
    const email = (await formFields(c))('email').trim();
    const chrome = chromeFor(c);
    if (!email) {
      const view = { csrfToken: formToken(c, tls), email, errors: [EMAIL_MISSING], sent: false };
      return render(c, ResetRequestPage({ chrome, view }), 400);
    }
    const origin = publicUrl ?? new URL(c.req.url).origin;
    await accounts.requestPasswordReset(
      email,
      (token) => new URL(`/compte/mot-de-passe?jeton=${encodeURIComponent(token)}`, origin).href,
    );
    return render(c, ResetRequestPage({ chrome, view: { csrfToken: '', email, errors: [], sent: true } }));
  });

  routes.get('/compte/mot-de-passe', (c) => {
    const token = c.req.query('jeton') ?? '';
    const errors = token ? [] : [INCOMPLETE_LINK];
    const view = { csrfToken: formToken(c, tls), token, errors };
    return render(c, NewPasswordPage({ chrome: chromeFor(c), view }), token ? 200 : 400);
  });

  routes.post('/compte/mot-de-passe', async (c) => {
    const field = await formFields(c);
    const token = field('jeton');
    const password = field('password');
    const refuse = (errors: FieldError[]) =>
      render(
        c,
        NewPasswordPage({ chrome: chromeFor(c), view: { csrfToken: formToken(c, tls), token, errors } }),
        400,
      );
    if (!token) return refuse([INCOMPLETE_LINK]);
    if (!password) return refuse([{ field: 'password', message: 'Saisissez un nouveau mot de passe' }]);
    if (field('confirmation') !== password)
      return refuse([{ field: 'confirmation', message: 'Les deux mots de passe ne sont pas identiques' }]);
    try {
      await accounts.completePasswordReset(token, password);
    } catch (error) {
      if (error instanceof UserError && (error.code === 'input_invalid' || error.code === 'unauthenticated'))
        return refuse([{ field: 'password', message: error.message }]);
      throw error;
    }
    return c.redirect('/connexion?reinitialise', 303);
  });

  return routes;
}

const INCOMPLETE_LINK: FieldError = {
  field: 'password',
  message: 'Ce lien est incomplet : ouvrez le lien reçu par courriel en entier, ou demandez-en un nouveau.',
};
