import { parse as parseYaml } from 'yaml';
import { parsePath } from './config-path.js';

/**
 * Applies `key.path=value` overrides (the CLI's `--set`) to a config tree. Values are read as YAML
 * scalars or flow collections, so `--set backtest.cash=5e4` sets a number and `--set bars=[5m,30m]` a list.
 */
export function applyOverrides(
  tree: unknown,
  overrides: readonly string[],
  report: (path: (string | number)[], message: string) => void,
): unknown {
  if (overrides.length === 0) return tree;
  const root = structuredClone(tree ?? {}) as Record<string | number, unknown>;
  for (const override of overrides) {
    const equals = override.indexOf('=');
    if (equals <= 0) {
      report([], `override "${override}" must look like key.path=value`);
      continue;
    }
    const path = parsePath(override.slice(0, equals));
    let value: unknown;
    try {
      value = parseYaml(override.slice(equals + 1));
    } catch {
      value = override.slice(equals + 1);
    }
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (next === undefined || next === null || typeof next !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return root;
}
