import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classNameFromId, defaultProjectName, pluginIdFromName, projectNameProblem } from './project-name.js';
import { PROJECT_TEMPLATES, TEMPLATE_NAMES, templatesRoot, type TemplateName } from './project-templates.js';
import { scaffoldProject } from './scaffold-project.js';
import type { SdkLocation } from './sdk-location.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const checkout: SdkLocation = { kind: 'checkout', root: repoRoot, links: 'absolute' };
const released: SdkLocation = { kind: 'version', range: '^0.1.0' };
const newDir = (): string => join(mkdtempSync(join(tmpdir(), 'gm-new-')), 'project');

/** Every file under `dir`, relative, with "/". */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/** The files a template should produce: the common ones plus its own, with .tmpl dropped and _x → .x. */
function expectedFiles(template: TemplateName): string[] {
  const names = [...filesUnder(join(templatesRoot(), 'common')), ...filesUnder(join(templatesRoot(), template))].map((file) =>
    file.replace(/\.tmpl$/, '').replace(/(^|\/)_([^/]+)$/, '$1.$2'),
  );
  return [...new Set([...names, 'package.json'])].sort();
}

describe('scaffoldProject', () => {
  // The GrandModel template needs @grandmodel/plugins-agents, which may not be in every checkout
  for (const template of TEMPLATE_NAMES) {
    it(`writes the ${template} template: every file rendered, package.json with the SDK and the scripts`, () => {
      const dir = newDir();
      const result = scaffoldProject({ dir, template, name: '@acme/my-project', sdk: released });
      expect(result.files).toEqual(expectedFiles(template));
      expect(filesUnder(dir).sort()).toEqual(expectedFiles(template));
      for (const file of result.files) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text, file).not.toMatch(/\{\{\s*[A-Za-z]/);
      }
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
      expect(manifest['name']).toBe('@acme/my-project');
      expect(manifest['dependencies']).toEqual(Object.fromEntries(PROJECT_TEMPLATES[template].packages.map((name) => [name, '^0.1.0'])));
      expect(Object.keys(manifest['scripts']!)).toEqual(['data', 'start', 'test', 'typecheck', 'validate']);
      expect(manifest['scripts']!['start']).toBe('npm run data && grandmodel run grandmodel.config.yaml --out runs/latest');
      expect(Object.keys(manifest['devDependencies']!)).toEqual(['@types/node', 'typescript', 'vitest']);
      const config = parseYaml(readFileSync(join(dir, 'grandmodel.config.yaml'), 'utf8')) as Record<string, unknown>;
      expect(config['name']).toBe('my-project');
      if (PROJECT_TEMPLATES[template].pluginKind !== undefined) {
        expect(result.pluginId).toBe('my-project');
        expect(config['plugins']).toEqual(['./src/index.ts']);
        expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain('MyProject');
      }
    });
  }

  it('links the checkout with file: paths when the SDK is a checkout', () => {
    const dir = newDir();
    const result = scaffoldProject({ dir, template: 'agent-plugin', name: 'linked', sdk: checkout });
    expect(result.dependencies).toEqual({ '@grandmodel/framework': `file:${join(repoRoot, 'packages', 'framework')}` });
  });

  it('refuses a non-empty folder with GM_CLI_USAGE, writing nothing', () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => scaffoldProject({ dir, template: 'minimal', name: 'x', sdk: released })).toThrow(
      expect.objectContaining({ code: 'GM_CLI_USAGE', message: expect.stringMatching(/is not empty \(1 entry: notes\.txt\); .*pass --force/) }),
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('writes into a folder holding only .git, and into a non-empty one with force, overwriting same-name files', () => {
    const gitOnly = newDir();
    mkdirSync(join(gitOnly, '.git'), { recursive: true });
    expect(scaffoldProject({ dir: gitOnly, template: 'minimal', name: 'x', sdk: released }).files).toContain('grandmodel.config.yaml');

    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'README.md'), 'old readme');
    scaffoldProject({ dir, template: 'minimal', name: 'forced', sdk: released, force: true });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# forced\n/);
  });

  it('refuses a target that is a file, and an invalid project name, before writing anything', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gm-new-')), 'a-file');
    writeFileSync(file, '');
    expect(() => scaffoldProject({ dir: file, template: 'minimal', name: 'x', sdk: released })).toThrow(expect.objectContaining({ code: 'GM_CLI_USAGE', message: expect.stringContaining('is a file') }));
    const dir = newDir();
    expect(() => scaffoldProject({ dir, template: 'minimal', name: 'My Project', sdk: released })).toThrow(
      expect.objectContaining({ code: 'GM_CLI_USAGE', message: 'Project name "My Project": expected lowercase letters only, was "My Project"' }),
    );
    expect(existsSync(dir)).toBe(false);
  });
});

describe('project names', () => {
  it('accepts npm package names and says what is wrong with others', () => {
    for (const good of ['my-bot', 'bot2', '@acme/vw.momentum', 'a_b~c']) expect(projectNameProblem(good), good).toBeUndefined();
    expect(projectNameProblem('')).toBe('expected a package name, was empty');
    expect(projectNameProblem('.hidden')).toMatch(/expected an npm package name: .*was "\.hidden"/);
    expect(projectNameProblem('_private')).toMatch(/was "_private"/);
    expect(projectNameProblem('has space')).toMatch(/was "has space"/);
    expect(projectNameProblem(' padded')).toBe('expected no leading or trailing spaces, was " padded"');
    expect(projectNameProblem('node_modules')).toBe('"node_modules" is reserved');
    expect(projectNameProblem('x'.repeat(215))).toBe('expected at most 214 characters, was 215');
  });

  it('suggests a name from the folder and derives plugin ids and class names', () => {
    expect(defaultProjectName('/work/My Trading Bot')).toBe('my-trading-bot');
    expect(defaultProjectName('/work/__')).toBe('grandmodel-project');
    expect(pluginIdFromName('@acme/vw.momentum')).toBe('vw-momentum');
    expect(pluginIdFromName('bot_2')).toBe('bot-2');
    expect(classNameFromId('vw-momentum')).toBe('VwMomentum');
    expect(classNameFromId('2x-lever')).toBe('P2xLever');
  });
});
