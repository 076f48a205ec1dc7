import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SdkError } from '../errors/sdk-error.js';
import type { KillSwitch } from '../risk/kill-switch.js';

const LOCK_FILE = 'run.lock.json';
const REQUEST_FILE = 'kill-request.json';

/** A kill request left by `grandmodel kill` for the process running a run folder. */
export interface KillRequest {
  readonly reason: string;
  readonly flatten: boolean;
  readonly by: string;
}

/**
 * Lets an operator engage a running process's kill switch from outside: the run writes a lock file with its
 * pid; `grandmodel kill <runDir>` writes a request and sends SIGUSR2; the process engages the switch at the
 * next point between events. Returns a function that removes the lock and the signal handler.
 */
export function listenForKillRequests(runDir: string, killSwitch: KillSwitch, onEngaged?: (request: KillRequest) => void): () => void {
  writeFileSync(join(runDir, LOCK_FILE), `${JSON.stringify({ pid: process.pid })}\n`);
  const handler = (): void => {
    const path = join(runDir, REQUEST_FILE);
    if (!existsSync(path)) return;
    const request = JSON.parse(readFileSync(path, 'utf8')) as KillRequest;
    rmSync(path, { force: true });
    killSwitch.engage({ reason: request.reason, by: request.by, flatten: request.flatten });
    onEngaged?.(request);
  };
  process.on('SIGUSR2', handler);
  return () => {
    process.off('SIGUSR2', handler);
    rmSync(join(runDir, LOCK_FILE), { force: true });
  };
}

/** Asks the process running `runDir` to engage its kill switch. Throws when no process runs it. */
export function requestKill(runDir: string, request: KillRequest): number {
  const lock = join(runDir, LOCK_FILE);
  if (!existsSync(lock)) throw new SdkError('GM_RUN_INVALID', `${runDir} has no ${LOCK_FILE}: no process is running this run folder`);
  const { pid } = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number };
  try {
    process.kill(pid, 0);
  } catch {
    throw new SdkError('GM_RUN_INVALID', `The process ${pid} that ran ${runDir} is no longer running`);
  }
  writeFileSync(join(runDir, REQUEST_FILE), `${JSON.stringify(request)}\n`);
  process.kill(pid, 'SIGUSR2');
  return pid;
}
