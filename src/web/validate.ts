import type { z } from 'zod';
import { UserError } from '../shared/errors.ts';

/** Parses request input or throws a French input error naming each bad field (→ 400 at the edge). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UserError(
    'input_invalid',
    'Paramètres invalides',
    parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || undefined,
      message: issue.message,
    })),
  );
}
