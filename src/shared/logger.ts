/**
 * Structured logs: one JSON object per line, so that a log shipper or `jq` reads them without
 * a parser of ours. Fields are flat and named the same wherever they occur (`method`, `path`,
 * `status`, `ms`, `requestId`).
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function createJsonLogger(
  stream: { write(text: string): unknown },
  now: () => Date = () => new Date(),
): Logger {
  const write = (level: LogLevel, message: string, fields: LogFields = {}) => {
    stream.write(
      `${JSON.stringify({ time: now().toISOString(), level, message, ...serialisable(fields) })}\n`,
    );
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Errors lose their message and stack in JSON.stringify: keep them. */
function serialisable(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
