import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { ProjectPrompter } from '../../scaffold/project-prompts.js';
import { CliExit, type CliIo } from '../cli-io.js';
import { newCommand, registerNewCommand } from './new-command.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

function io(cwd: string): CliIo & { out: () => string } {
  let out = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true }, cwd, env: {}, out: () => out };
}

/** A prompter that answers from a script and records the questions; `undefined` answers cancel. */
function scripted(answers: (string | undefined)[]): ProjectPrompter & { asked: string[] } {
  const asked: string[] = [];
  const next = async (message: string, validate?: (value: string) => string | undefined) => {
    asked.push(message);
    const answer = answers.shift();
    if (answer !== undefined && validate !== undefined && validate(answer) !== undefined) throw new Error(`scripted answer "${answer}" is invalid: ${validate(answer)}`);
    return answer;
  };
  return {
    asked,
    intro: () => undefined,
    outro: () => undefined,
    select: (question) => next(question.message),
    text: (question) => next(question.message, question.validate),
  };
}

const packageJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; keywords?: string[] };

describe('grandmodel new', () => {
  it('without a terminal uses flags and defaults: the minimal template, the folder name, this checkout', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    const cli = io(cwd);
    expect(await newCommand('My Bot', {}, cli)).toBe(0);
    const dir = join(cwd, 'My Bot');
    expect(packageJson(dir).name).toBe('my-bot');
    expect(packageJson(dir).dependencies).toEqual({ '@grandmodel/framework': `file:${join(repoRoot, 'packages', 'framework')}` });
    expect(existsSync(join(dir, 'test', 'system.test.ts'))).toBe(true);
    expect(cli.out()).toContain('Created my-bot in My Bot from the minimal template');
    expect(cli.out()).toContain('  cd My Bot\n  npm install\n');
  });

  it('takes template, name and --sdk version from flags', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    expect(await newCommand('plug', { template: 'risk-plugin', name: '@acme/hours', sdk: '0.4.2', yes: true }, io(cwd))).toBe(0);
    const manifest = packageJson(join(cwd, 'plug'));
    expect(manifest).toMatchObject({ name: '@acme/hours', dependencies: { '@grandmodel/framework': '^0.4.2' }, keywords: ['grandmodel-plugin'] });
    expect(readFileSync(join(cwd, 'plug', 'src', 'risk-model.ts'), 'utf8')).toContain("id: 'hours'");
  });

  it('links a relative --sdk path relatively from the project folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    const relativeRoot = relative(cwd, repoRoot);
    expect(await newCommand('rel', { sdk: relativeRoot }, io(cwd))).toBe(0);
    const spec = packageJson(join(cwd, 'rel')).dependencies['@grandmodel/framework']!;
    expect(spec.startsWith('file:../')).toBe(true);
    expect(join(cwd, 'rel', spec.slice('file:'.length))).toBe(join(repoRoot, 'packages', 'framework'));
  });

  it('refuses an unknown template and a non-empty folder with GM_CLI_USAGE, before asking anything', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    await expect(newCommand('x', { template: 'strategy' }, io(cwd))).rejects.toMatchObject({
      code: 'GM_CLI_USAGE',
      message: '--template "strategy": expected one of minimal, grandmodel, indicator-plugin, agent-plugin, risk-plugin, broker-plugin',
    });
    mkdirSync(join(cwd, 'full'));
    writeFileSync(join(cwd, 'full', 'keep.txt'), 'x');
    const prompter = scripted(['minimal', 'full', repoRoot]);
    await expect(newCommand('full', {}, io(cwd), prompter)).rejects.toMatchObject({ code: 'GM_CLI_USAGE', message: expect.stringContaining('pass --force') });
    expect(prompter.asked).toEqual([]);
    expect(readdirSync(join(cwd, 'full'))).toEqual(['keep.txt']);
    expect(await newCommand('full', { force: true, yes: true }, io(cwd))).toBe(0);
    expect(readdirSync(join(cwd, 'full'))).toContain('grandmodel.config.yaml');
  });

  it('asks for what the flags leave open, in order: template, name, SDK location', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    const prompter = scripted(['agent-plugin', 'reversal-bot', '0.2.0']);
    expect(await newCommand('asked', {}, io(cwd), prompter)).toBe(0);
    expect(prompter.asked).toEqual(['Which template?', 'Project name (npm package name)', 'SDK location: a checkout path (file: links) or an npm version']);
    expect(packageJson(join(cwd, 'asked'))).toMatchObject({ name: 'reversal-bot', dependencies: { '@grandmodel/framework': '^0.2.0' } });
    expect(existsSync(join(cwd, 'asked', 'src', 'agent.ts'))).toBe(true);

    const partly = scripted([repoRoot]);
    expect(await newCommand('flags', { template: 'minimal', name: 'given' }, io(cwd), partly)).toBe(0);
    expect(partly.asked).toEqual(['SDK location: a checkout path (file: links) or an npm version']);
    // The detected checkout, unchanged, stays an absolute link
    expect(packageJson(join(cwd, 'flags')).dependencies['@grandmodel/framework']).toBe(`file:${join(repoRoot, 'packages', 'framework')}`);
  });

  it('ends with exit code 1 and writes nothing when a question is canceled', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    const prompter = scripted(['minimal', undefined]);
    const error = await newCommand('canceled', {}, io(cwd), prompter).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CliExit);
    expect(error).toMatchObject({ exitCode: 1, message: 'Canceled; nothing was written.' });
    expect(existsSync(join(cwd, 'canceled'))).toBe(false);
  });

  it('registers on a commander program with its flags', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gm-new-cmd-'));
    let code = -1;
    const program = new Command('grandmodel').exitOverride();
    registerNewCommand(program, io(cwd), (exit) => (code = exit));
    await program.parseAsync(['new', 'via-cli', '-t', 'broker-plugin', '--name', 'fast-venue', '--sdk', 'latest', '-y'], { from: 'user' });
    expect(code).toBe(0);
    expect(packageJson(join(cwd, 'via-cli'))).toMatchObject({ name: 'fast-venue', dependencies: { '@grandmodel/framework': 'latest' } });
  });
});
