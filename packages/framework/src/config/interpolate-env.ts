import type { ConfigIssue } from '../errors/config-error.js';
import { formatPath } from './config-path.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g;

/** Result of interpolation: the new value, where secrets went, and variables that were missing. */
export interface InterpolationResult {
  readonly value: unknown;
  /** Paths whose values came from the environment. */
  readonly secretPaths: string[];
  /** Interpolated values (to censor them in logs). */
  readonly secretValues: string[];
  readonly issues: ConfigIssue[];
}

/**
 * Replaces `${VAR}` and `${VAR:default}` in every string of a config tree with environment values.
 * A missing variable without a default is an issue naming the variable and the path.
 */
export function interpolateEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): InterpolationResult {
  const result: InterpolationResult = { value: undefined, secretPaths: [], secretValues: [], issues: [] };
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') return replace(node, path);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  const replace = (text: string, path: (string | number)[]): string => {
    if (!text.includes('${')) return text;
    let usedEnv = false;
    const replaced = text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const fromEnv = env[name];
      if (fromEnv !== undefined) {
        usedEnv = true;
        result.secretValues.push(fromEnv);
        return fromEnv;
      }
      if (fallback !== undefined) return fallback;
      result.issues.push({
        path: formatPath(path),
        code: 'env_missing',
        message: `environment variable ${name} is not set (referenced as \${${name}}; set it or write \${${name}:default})`,
      });
      return '';
    });
    if (usedEnv) result.secretPaths.push(formatPath(path));
    return replaced;
  };
  (result as { value: unknown }).value = walk(value, []);
  return result;
}

