import { basename } from 'node:path';

// npm package names: optional @scope/, lowercase URL-safe characters, not starting with "." or "_"
const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
const RESERVED = new Set(['node_modules', 'favicon.ico']);

/** Returns why `name` is not a valid npm package name, or undefined when it is. */
export function projectNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'expected a package name, was empty';
  if (name.length > 214) return `expected at most 214 characters, was ${name.length}`;
  if (name !== name.trim()) return `expected no leading or trailing spaces, was "${name}"`;
  if (name !== name.toLowerCase()) return `expected lowercase letters only, was "${name}"`;
  if (RESERVED.has(name)) return `"${name}" is reserved`;
  if (!PACKAGE_NAME.test(name)) {
    return `expected an npm package name: lowercase letters, digits, "-", "." or "_" (not first), optionally "@scope/", was "${name}"`;
  }
  return undefined;
}

/** A package name suggested for a folder: its base name, lowercased, with other characters turned into "-". */
export function defaultProjectName(dir: string): string {
  const suggested = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '');
  return suggested.length === 0 ? 'grandmodel-project' : suggested;
}

/** The plugin id for a package name: the name without its scope, kebab-case (e.g. `@acme/vw.momentum` → `vw-momentum`). */
export function pluginIdFromName(name: string): string {
  const id = name
    .replace(/^@[^/]+\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(id) ? id : `plugin-${id}`.replace(/-+$/, '');
}

/** PascalCase of a kebab-case id, for class names (`vw-momentum` → `VwMomentum`; a leading digit gets a `P` prefix). */
export function classNameFromId(id: string): string {
  const pascal = id
    .split('-')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return /^[0-9]/.test(pascal) ? `P${pascal}` : pascal;
}
