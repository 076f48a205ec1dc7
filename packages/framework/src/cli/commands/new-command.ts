import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { SdkError, toError } from '../../errors/sdk-error.js';
import { defaultProjectName } from '../../scaffold/project-name.js';
import { askProjectQuestions, clackPrompter, type ProjectPrompter } from '../../scaffold/project-prompts.js';
import { isTemplateName, TEMPLATE_NAMES, type TemplateName } from '../../scaffold/project-templates.js';
import { assertWritableTarget, scaffoldProject } from '../../scaffold/scaffold-project.js';
import { describeSdkLocation, detectSdkLocation, parseSdkOption, type SdkLocation } from '../../scaffold/sdk-location.js';
import { CliExit, type CliIo } from '../cli-io.js';

/** Flags of `grandmodel new`. */
export interface NewCommandOptions {
  readonly template?: string;
  readonly name?: string;
  readonly sdk?: string;
  /** No prompts: flags and defaults only. */
  readonly yes?: boolean;
  /** Write into a non-empty folder. */
  readonly force?: boolean;
}

/**
 * `grandmodel new <dir>`: writes a project from a template. On a terminal it asks for what the flags leave
 * open (template, name, SDK location); with `--yes`, or without a terminal, it uses flags and defaults.
 * `prompter` replaces the terminal prompts (tests).
 */
export async function newCommand(dir: string, options: NewCommandOptions, io: CliIo, prompter?: ProjectPrompter): Promise<number> {
  const target = resolve(io.cwd, dir);
  if (options.template !== undefined && !isTemplateName(options.template)) {
    throw new SdkError('GM_CLI_USAGE', `--template "${options.template}": expected one of ${TEMPLATE_NAMES.join(', ')}`);
  }
  // Refuse a non-empty folder before asking anything
  assertWritableTarget(target, options.force === true);
  const known = {
    template: options.template as TemplateName | undefined,
    name: options.name,
    sdk: options.sdk,
  };
  const ask = prompter ?? (isInteractive(options, io) ? await clackPrompter() : undefined);

  let template: TemplateName;
  let name: string;
  let sdk: SdkLocation;
  if (ask === undefined) {
    template = known.template ?? 'minimal';
    name = known.name ?? defaultProjectName(target);
    sdk = known.sdk === undefined ? detectSdkLocation() : parseSdkOption(known.sdk, io.cwd);
  } else {
    ask.intro('grandmodel new');
    const detected = detectSdkLocation();
    const answers = await askProjectQuestions(ask, known, {
      name: defaultProjectName(target),
      sdk: detected.kind === 'checkout' ? detected.root : detected.range.replace(/^\^/, ''),
      validateSdk: (value) => sdkProblem(value, io.cwd),
    });
    if (answers === undefined) throw new CliExit(1, 'Canceled; nothing was written.');
    ({ template, name } = answers);
    sdk = parseSdkOption(answers.sdk, io.cwd);
    // An unchanged detected checkout path stays absolute, as without prompts
    if (detected.kind === 'checkout' && sdk.kind === 'checkout' && sdk.root === detected.root) sdk = detected;
  }

  const result = scaffoldProject({ dir: target, template, name, sdk, force: options.force === true });
  const shown = relative(io.cwd, result.dir) || '.';
  const lines = [
    `Created ${name} in ${shown} from the ${template} template (${result.files.length} files).`,
    `SDK: ${describeSdkLocation(sdk)}`,
    '',
    'Next:',
    ...(shown === '.' ? [] : [`  cd ${shown}`]),
    '  npm install',
    '  npm test      # type-check and run the tests',
    '  npm start     # write synthetic data and backtest grandmodel.config.yaml',
    '',
  ];
  io.stdout.write(lines.join('\n'));
  ask?.outro('Done. Read README.md in the project for what to change first.');
  return 0;
}

/** Registers `grandmodel new` on a program; `done` receives the exit code. */
export function registerNewCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('new')
    .description('Create a project from a template: a backtest, the GrandModel pipeline, or a plugin with its tests')
    .argument('<dir>', 'folder to create the project in (new or empty)')
    .option('-t, --template <name>', `template: ${TEMPLATE_NAMES.join(', ')} (default: minimal)`)
    .option('--name <name>', 'npm package name (default: the folder name)')
    .option('--sdk <path|version>', 'SDK checkout to link with file: paths, or an npm version (default: the SDK running this command)')
    .option('-y, --yes', 'ask nothing: use the flags and defaults (also when there is no terminal)')
    .option('--force', 'write into a non-empty folder, overwriting files with the same names')
    .action(async (dir: string, options: NewCommandOptions) => done(await newCommand(dir, options, io)));
}

/** Prompts only on a real terminal (stdin and stdout), never with --yes or in CI. */
function isInteractive(options: NewCommandOptions, io: CliIo): boolean {
  return options.yes !== true && io.stdout.isTTY === true && process.stdin.isTTY === true && io.env['CI'] !== 'true';
}

function sdkProblem(value: string, cwd: string): string | undefined {
  try {
    parseSdkOption(value, cwd);
    return undefined;
  } catch (error) {
    return toError(error).message;
  }
}
