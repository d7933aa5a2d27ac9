import type { Hono } from 'hono';
import { createUser } from '../../src/accounts/users.service.ts';
import type { UserRole } from '../../src/db/schema.ts';
import type { Executor } from '../../src/db/transaction.ts';

// biome-ignore lint/suspicious/noExplicitAny: any app variables
type AnyApp = Hono<any>;

/**
 * A browser over app.request(): keeps cookies, posts forms with the CSRF token of the last page
 * it read, and connects from `address` (the remote address the throttling sees).
 */
export interface WebClient {
  cookies: Map<string, string>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Posts `fields`; `_csrf` is the last page's token unless the fields give one (null: none). */
  post(
    path: string,
    fields: Record<string, string | null>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** GET a form page, then post it: the usual way a person does it. */
  submit(formPath: string, fields: Record<string, string | null>, action?: string): Promise<Response>;
  signIn(email: string, password: string): Promise<Response>;
}

export function webClient(app: AnyApp, address = '192.0.2.10'): WebClient {
  const cookies = new Map<string, string>();
  let lastToken = '';
  const env = { incoming: { socket: { remoteAddress: address } } };

  async function request(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (cookies.size)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await app.request(path, { ...init, headers }, env);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      const token = csrfTokenIn(await response.clone().text());
      if (token) lastToken = token;
    }
    return response;
  }

  const client: WebClient = {
    cookies,
    get: (path, headers = {}) => request(path, { headers }),
    post(path, fields, headers = {}) {
      const body = new URLSearchParams();
      const all: Record<string, string | null> = { _csrf: lastToken, ...fields };
      for (const [name, value] of Object.entries(all)) if (value !== null) body.set(name, value);
      return request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    },
    async submit(formPath, fields, action) {
      await client.get(formPath);
      return client.post(action ?? formPath.split('?')[0] ?? formPath, fields);
    },
    signIn: (email, password) => client.submit('/connexion', { email, password }),
  };
  return client;
}

export function csrfTokenIn(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** One account per role; representatives speak for `authorityId`. */
export async function createRoleUsers(db: Executor, authorityId: number) {
  const make = (role: UserRole, email: string, name: string) =>
    createUser(
      db,
      {
        email,
        name,
        role,
        password: TEST_PASSWORD,
        ...(role === 'authority' ? { authorityIds: [authorityId] } : {}),
      },
      'test',
      new Date(),
    );
  return {
    admin: await make('admin', 'admin@barometre.test', 'Alice Admin'),
    analyst: await make('analyst', 'analyste@barometre.test', 'Bruno Analyste'),
    authority: await make('authority', 'dgs@ain.test', 'Chloé Représentante'),
  };
}
