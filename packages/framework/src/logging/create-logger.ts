import { pino, type DestinationStream, type Logger } from 'pino';

/** Key paths whose values are always censored in logs, wherever they appear. */
export const REDACTED_PATHS: readonly string[] = [
  'apiKey', 'secret', 'password', 'token', 'secretKey', 'keyId', 'passphrase',
  '*.apiKey', '*.secret', '*.password', '*.token', '*.secretKey', '*.keyId', '*.passphrase',
  '*.*.apiKey', '*.*.secret', '*.*.password', '*.*.token', '*.*.secretKey', '*.*.keyId', '*.*.passphrase',
];

/** Options of the root logger of a kernel. */
export interface LoggerOptions {
  readonly level?: string;
  /** Where log lines go; stderr by default so stdout stays free for command output. */
  readonly destination?: DestinationStream;
  /** Values that must never be printed (e.g. secrets interpolated from the environment). */
  readonly secrets?: readonly string[];
}

/** Creates the root pino logger: JSON lines, secrets redacted by key and by value. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((value) => value.length >= 4);
  const base = { level: options.level ?? 'info', redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' } };
  // A secret can also hide inside a message or another field: censor known values in the final line
  const hooks = { streamWrite: (line: string) => secrets.reduce((text, secret) => text.split(secret).join('[REDACTED]'), line) };
  return pino(secrets.length === 0 ? base : { ...base, hooks }, options.destination ?? pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
