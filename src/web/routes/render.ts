import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A page component's output as an HTML response, with the doctype JSX cannot write. */
export function render(c: Context, page: unknown, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!DOCTYPE html>${String(page)}`, status);
}
