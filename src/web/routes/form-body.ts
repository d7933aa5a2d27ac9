import type { Context } from 'hono';

/** A posted form's text fields (files are not expected anywhere and read as empty). */
export async function formFields(c: Context): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
}
