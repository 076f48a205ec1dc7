import { SdkError } from '../errors/sdk-error.js';
import { ConfigError } from '../errors/config-error.js';

/** Where a command writes and what it runs in; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Thrown by commands to end with a message and exit code, without a stack trace. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** Renders an error for people: config issues one per line, SDK errors with their code, others with their message. */
export function formatCliError(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}\n`;
  if (SdkError.is(error)) return `error ${error.code}: ${error.message}\n`;
  if (error instanceof Error) return `error: ${error.message}\n`;
  return `error: ${String(error)}\n`;
}
