import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SdkError } from '../errors/sdk-error.js';
import type { SdkPackageName } from './project-templates.js';

/**
 * Where a generated project gets the SDK from: a source checkout (linked with `file:` paths, absolute or
 * relative to the project) or the npm registry (a semver range or dist-tag).
 */
export type SdkLocation =
  | { readonly kind: 'checkout'; readonly root: string; readonly links: 'absolute' | 'relative' }
  | { readonly kind: 'version'; readonly range: string };

// A plain version, a ^/~ range of one, or a dist-tag
const VERSION = /^[~^]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const DIST_TAGS = new Set(['latest', 'next']);

/** Folder of an SDK package inside a checkout, e.g. `packages/plugins-agents`. */
export function packageFolder(name: SdkPackageName): string {
  return join('packages', name.slice('@grandmodel/'.length));
}

/** True when `root` is a GrandModel SDK checkout: it holds packages/framework/package.json. */
export function isSdkCheckout(root: string): boolean {
  const manifest = join(root, 'packages', 'framework', 'package.json');
  if (!existsSync(manifest)) return false;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@grandmodel/framework';
}

/**
 * Reads the `--sdk` option: a version (`0.1.0` becomes `^0.1.0`; ranges and `latest` are kept), or a path
 * to a checkout or to its packages/framework folder. A relative path is linked relatively, an absolute one absolutely.
 */
export function parseSdkOption(value: string, cwd: string): SdkLocation {
  const text = value.trim();
  if (VERSION.test(text) || DIST_TAGS.has(text)) return { kind: 'version', range: /^\d/.test(text) ? `^${text}` : text };
  const path = resolve(cwd, text);
  const links = isAbsolute(text) ? 'absolute' : 'relative';
  if (isSdkCheckout(path)) return { kind: 'checkout', root: path, links };
  const frameworkRoot = resolve(path, '..', '..');
  if (existsSync(join(path, 'package.json')) && isSdkCheckout(frameworkRoot) && resolve(frameworkRoot, 'packages', 'framework') === path) {
    return { kind: 'checkout', root: frameworkRoot, links };
  }
  throw new SdkError(
    'GM_CLI_USAGE',
    `--sdk "${value}": expected a version such as 0.1.0 (or a range such as ^0.1.0, or latest) or the path of a GrandModel SDK checkout ` +
      `(a folder holding packages/framework/package.json); ${existsSync(path) ? `${path} is neither` : `${path} does not exist`}`,
  );
}

/**
 * The SDK this command runs from: its checkout when the framework lives in one (linked absolutely),
 * otherwise the registry at the framework's own version.
 */
export function detectSdkLocation(): SdkLocation {
  const frameworkRoot = fileURLToPath(new URL('../../', import.meta.url));
  const checkout = resolve(frameworkRoot, '..', '..');
  if (isSdkCheckout(checkout) && resolve(checkout, 'packages', 'framework') === resolve(frameworkRoot)) return { kind: 'checkout', root: checkout, links: 'absolute' };
  const { version } = JSON.parse(readFileSync(join(frameworkRoot, 'package.json'), 'utf8')) as { version: string };
  return { kind: 'version', range: `^${version}` };
}

/** One line describing a location, for prompts and summaries. */
export function describeSdkLocation(location: SdkLocation): string {
  return location.kind === 'checkout' ? `checkout ${location.root} (file: links)` : `npm registry, version ${location.range}`;
}

/**
 * The dependency specifier of each package for a project in `projectDir`: `file:` links into a checkout
 * (every package must exist there) or the version range.
 */
export function dependencySpecs(location: SdkLocation, packages: readonly SdkPackageName[], projectDir: string): Record<string, string> {
  const specs: Record<string, string> = {};
  for (const name of packages) {
    if (location.kind === 'version') {
      specs[name] = location.range;
      continue;
    }
    const folder = join(location.root, packageFolder(name));
    if (!existsSync(join(folder, 'package.json'))) {
      throw new SdkError('GM_CLI_USAGE', `The SDK checkout at ${location.root} has no ${name} (expected ${join(folder, 'package.json')}); update the checkout or pass --sdk <version>`);
    }
    const path = location.links === 'absolute' ? folder : relative(projectDir, folder) || '.';
    specs[name] = `file:${path.split(sep).join('/')}`;
  }
  return specs;
}
