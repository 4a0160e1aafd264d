/** Structured logs: one JSON line per event, always with the request id when there is one. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  return {
    log(level, msg, fields = {}) {
      const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields });
      (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    },
    child(fields) {
      return createLogger({ ...base, ...fields });
    },
  };
}

export const rootLogger = createLogger({ service: process.env.SERVICE_NAME ?? 'platform' });
