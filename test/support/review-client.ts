import type { Hono } from 'hono';
import { csrfTokenIn, type WebClient } from './web-client.ts';

// biome-ignore lint/suspicious/noExplicitAny: any app variables
type AnyApp = Hono<any>;

/**
 * Posts a form whose field repeats (the checkboxes of the bulk confirmation) as `client`, with
 * its cookies and the CSRF token of `fromPage`: WebClient.post takes one value per name.
 */
export async function postRepeated(
  app: AnyApp,
  client: WebClient,
  fromPage: string,
  action: string,
  fields: readonly [string, string][],
): Promise<Response> {
  const token = csrfTokenIn(await (await client.get(fromPage)).text()) ?? '';
  return app.request(
    action,
    {
      method: 'POST',
      body: new URLSearchParams([['_csrf', token], ...fields]),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    },
    { incoming: { socket: { remoteAddress: '192.0.2.10' } } },
  );
}
