import type { ResolvedConfig } from '../config/envelope.js';
import { parsePath } from '../config/config-path.js';

/** Returns a plain copy of a resolved config with every value that came from the environment replaced by `[REDACTED]`. */
export function redactConfig(config: ResolvedConfig): Record<string, unknown> {
  const copy = structuredClone({ ...config }) as Record<string, unknown>;
  for (const path of config.secretPaths) {
    const parts = parsePath(path);
    let node = copy as Record<string | number, unknown>;
    for (let i = 0; i < parts.length - 1 && node !== undefined; i++) node = node[parts[i]!] as Record<string | number, unknown>;
    if (node !== undefined && node !== null) node[parts[parts.length - 1]!] = '[REDACTED]';
  }
  return copy;
}
