import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SdkError } from '../errors/sdk-error.js';
import { projectManifest } from './project-manifest.js';
import { classNameFromId, pluginIdFromName, projectNameProblem } from './project-name.js';
import { PROJECT_TEMPLATES, templatesRoot, type TemplateName } from './project-templates.js';
import { outputFileName, renderTemplate } from './render-template.js';
import { dependencySpecs, type SdkLocation } from './sdk-location.js';

/** What `scaffoldProject` writes. */
export interface ScaffoldOptions {
  /** Target folder; created when missing. */
  readonly dir: string;
  readonly template: TemplateName;
  /** npm package name of the project. */
  readonly name: string;
  readonly sdk: SdkLocation;
  /** Write into a non-empty folder, overwriting files of the same name. */
  readonly force?: boolean;
  /** Folder of the template files (default: the framework's `templates/`). */
  readonly templatesDir?: string;
}

/** What was written. */
export interface ScaffoldResult {
  readonly dir: string;
  /** Written files, relative to `dir`, sorted. */
  readonly files: readonly string[];
  /** The SDK dependencies written into package.json. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** The plugin id the template's plugin was given (plugin templates). */
  readonly pluginId: string;
}

// Entries that do not make a folder "non-empty" (a fresh `git init` is fine to scaffold into)
const IGNORABLE = new Set(['.git', '.DS_Store']);

/**
 * Writes a new project from a template: the shared files of `templates/common/`, the template's own files
 * (rendered: `{{name}}`, `{{systemName}}` (the name without scope, kebab-case), `{{pluginId}}`, `{{className}}`, `{{camelName}}`, `{{description}}`), and a package.json
 * whose SDK dependencies come from `sdk`. Refuses a non-empty folder unless `force` (GM_CLI_USAGE).
 */
export function scaffoldProject(options: ScaffoldOptions): ScaffoldResult {
  const dir = resolve(options.dir);
  const problem = projectNameProblem(options.name);
  if (problem !== undefined) throw new SdkError('GM_CLI_USAGE', `Project name "${options.name}": ${problem}`);
  assertWritableTarget(dir, options.force === true);
  const template = PROJECT_TEMPLATES[options.template];
  const dependencies = dependencySpecs(options.sdk, template.packages, dir);
  const pluginId = pluginIdFromName(options.name);
  const className = classNameFromId(pluginId);
  const variables = {
    name: options.name,
    systemName: pluginId,
    pluginId,
    className,
    camelName: className[0]!.toLowerCase() + className.slice(1),
    description: template.description,
    template: template.name,
  };

  const root = options.templatesDir ?? templatesRoot();
  const sources = new Map<string, string>();
  for (const folder of ['common', template.name]) {
    const base = join(root, folder);
    if (!existsSync(base)) throw new SdkError('GM_INPUT_INVALID', `Template folder ${base} is missing; the SDK installation is incomplete`);
    for (const file of listFiles(base)) sources.set(outputFileName(file), join(base, file));
  }

  const written: string[] = [];
  mkdirSync(dir, { recursive: true });
  for (const [target, source] of sources) {
    const text = renderTemplate(readFileSync(source, 'utf8'), variables, relative(root, source));
    writeProjectFile(dir, target, text);
    written.push(target);
  }
  writeProjectFile(dir, 'package.json', `${JSON.stringify(projectManifest(options.name, template, dependencies), null, 2)}\n`);
  written.push('package.json');
  return { dir, files: written.sort(), dependencies, pluginId };
}

/** Throws GM_CLI_USAGE when `dir` is a file, or a non-empty folder and `force` is off; a missing folder is fine. */
export function assertWritableTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new SdkError('GM_CLI_USAGE', `${dir} is a file, expected a folder to create the project in`);
  const entries = readdirSync(dir).filter((entry) => !IGNORABLE.has(entry));
  if (entries.length > 0 && !force) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
    throw new SdkError(
      'GM_CLI_USAGE',
      `${dir} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}: ${shown}); choose a new or empty folder, or pass --force to write into it (files with the same names are overwritten)`,
    );
  }
}

/** Relative paths (with "/") of every file under `base`. */
function listFiles(base: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(base, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(base, path));
    else files.push(path);
  }
  return files;
}

function writeProjectFile(dir: string, file: string, text: string): void {
  const path = join(dir, ...file.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
