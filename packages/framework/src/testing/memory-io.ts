import type { CliIo } from '../cli/cli-io.js';

/** A CliIo that records stdout and stderr, for testing `grandmodel` commands in-process with `runCli`. */
export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd,
    env,
    out: () => out,
    err: () => err,
  };
}
