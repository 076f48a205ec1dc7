import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dependencySpecs, detectSdkLocation, parseSdkOption } from './sdk-location.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A fake checkout holding only the given packages. */
function fakeCheckout(packages: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'gm-sdk-'));
  for (const name of packages) {
    mkdirSync(join(root, 'packages', name), { recursive: true });
    writeFileSync(join(root, 'packages', name, 'package.json'), JSON.stringify({ name: `@grandmodel/${name}`, version: '0.1.0' }));
  }
  return root;
}

describe('parseSdkOption', () => {
  it('reads versions: a plain version becomes a caret range, ranges and dist-tags are kept', () => {
    expect(parseSdkOption('0.1.0', '/')).toEqual({ kind: 'version', range: '^0.1.0' });
    expect(parseSdkOption('~1.2.3', '/')).toEqual({ kind: 'version', range: '~1.2.3' });
    expect(parseSdkOption('^2.0.0-beta.1', '/')).toEqual({ kind: 'version', range: '^2.0.0-beta.1' });
    expect(parseSdkOption('latest', '/')).toEqual({ kind: 'version', range: 'latest' });
  });

  it('reads a checkout root or its packages/framework folder; relative paths link relatively', () => {
    const root = fakeCheckout(['framework']);
    expect(parseSdkOption(root, '/')).toEqual({ kind: 'checkout', root, links: 'absolute' });
    expect(parseSdkOption(join(root, 'packages', 'framework'), '/')).toEqual({ kind: 'checkout', root, links: 'absolute' });
    const cwd = join(root, 'packages');
    expect(parseSdkOption('..', cwd)).toEqual({ kind: 'checkout', root, links: 'relative' });
    expect(parseSdkOption('./framework', cwd)).toEqual({ kind: 'checkout', root, links: 'relative' });
  });

  it('refuses anything else with GM_CLI_USAGE, saying what was expected', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gm-sdk-empty-'));
    expect(() => parseSdkOption(empty, '/')).toThrow(expect.objectContaining({ code: 'GM_CLI_USAGE', message: expect.stringContaining(`${empty} is neither`) }));
    expect(() => parseSdkOption('./no/such/folder', empty)).toThrow(expect.objectContaining({ code: 'GM_CLI_USAGE', message: expect.stringContaining('does not exist') }));
    expect(() => parseSdkOption('1.2', empty)).toThrow(/expected a version such as 0\.1\.0/);
  });
});

describe('dependencySpecs', () => {
  it('links every package of a checkout with file: paths that resolve from the project folder', () => {
    const root = fakeCheckout(['framework', 'plugins-agents']);
    const project = join(mkdtempSync(join(tmpdir(), 'gm-proj-')), 'deep', 'my-project');
    const relativeSpecs = dependencySpecs({ kind: 'checkout', root, links: 'relative' }, ['@grandmodel/framework', '@grandmodel/plugins-agents'], project);
    for (const [name, spec] of Object.entries(relativeSpecs)) {
      expect(spec.startsWith('file:../')).toBe(true);
      expect(resolve(project, spec.slice('file:'.length))).toBe(join(root, 'packages', name.slice('@grandmodel/'.length)));
    }
    const absolute = dependencySpecs({ kind: 'checkout', root, links: 'absolute' }, ['@grandmodel/framework'], project);
    expect(absolute).toEqual({ '@grandmodel/framework': `file:${join(root, 'packages', 'framework')}` });
  });

  it('writes the version range for every package', () => {
    expect(dependencySpecs({ kind: 'version', range: '^0.3.0' }, ['@grandmodel/framework', '@grandmodel/plugins-indicators'], '/x')).toEqual({
      '@grandmodel/framework': '^0.3.0',
      '@grandmodel/plugins-indicators': '^0.3.0',
    });
  });

  it('names a package the checkout lacks', () => {
    const root = fakeCheckout(['framework']);
    expect(() => dependencySpecs({ kind: 'checkout', root, links: 'absolute' }, ['@grandmodel/framework', '@grandmodel/plugins-agents'], '/x')).toThrow(
      expect.objectContaining({ code: 'GM_CLI_USAGE', message: expect.stringContaining(`has no @grandmodel/plugins-agents (expected ${join(root, 'packages', 'plugins-agents', 'package.json')})`) }),
    );
  });
});

describe('detectSdkLocation', () => {
  it('finds this checkout when the framework runs from it', () => {
    const location = detectSdkLocation();
    expect(location).toEqual({ kind: 'checkout', root: resolve(repoRoot), links: 'absolute' });
  });
});
