import type { Context } from 'hono';

/** A posted form's text fields (files are not expected anywhere and read as empty). */
export async function formFields(c: Context): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
}

/** A posted form where some names repeat (checkboxes): one text value, or all of a name's values. */
export async function formValues(
  c: Context,
): Promise<{ field(name: string): string; list(name: string): string[] }> {
  const body = await c.req.parseBody({ all: true });
  const values = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  };
  return { field: (name) => values(name)[0] ?? '', list: values };
}
