import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_REFERENCE_PATH, renderCliReference } from '../../../scripts/gen-cli-reference.js';
import { CONFIG_REFERENCE_PATH, renderConfigReference } from '../../../scripts/gen-config-reference.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every Markdown file the docs checks cover: docs/**, the README and each example's README. */
function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : []));
  const examples = readdirSync(join(repoRoot, 'examples'))
    .map((name) => join(repoRoot, 'examples', name, 'README.md'))
    .filter((path) => existsSync(path));
  return [...walk(join(repoRoot, 'docs')), join(repoRoot, 'README.md'), ...examples].sort();
}

/** The text with fenced code blocks blanked (line numbers kept), so links and headings inside code are ignored. */
function withoutCodeBlocks(text: string): string {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        return '';
      }
      return inFence ? '' : line.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length));
    })
    .join('\n');
}

/** GitHub's heading anchors of a Markdown file (github-slugger rules, duplicates numbered), plus explicit HTML ids. */
function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const plain = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
      const base = plain
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
        .replace(/ /g, '-');
      const seen = counts.get(base) ?? 0;
      counts.set(base, seen + 1);
      anchors.add(seen === 0 ? base : `${base}-${seen}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

/** Relative links of a Markdown file: inline `[text](target)` and reference definitions, outside code. */
function linksOf(file: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  withoutCodeBlocks(readFileSync(file, 'utf8'))
    .split('\n')
    .forEach((text, index) => {
      const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((match) => match[1]!);
      for (const target of targets) if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ line: index + 1, target });
    });
  return links;
}

describe('generated references are up to date', () => {
  it('docs/reference/config.md matches the zod schemas (regenerate: npx tsx scripts/gen-config-reference.ts)', () => {
    expect(readFileSync(CONFIG_REFERENCE_PATH, 'utf8')).toBe(renderConfigReference());
  });

  it('docs/reference/cli.md matches the commands (regenerate: npx tsx scripts/gen-cli-reference.ts)', () => {
    expect(readFileSync(CLI_REFERENCE_PATH, 'utf8')).toBe(renderCliReference());
  });

  it('the config reference documents every option of every built-in plugin', () => {
    const text = readFileSync(CONFIG_REFERENCE_PATH, 'utf8');
    for (const heading of ['### `csv`', '### `synthetic`', '### `sim`', '### `sma-cross`', '### `limits`']) expect(text).toContain(heading);
    for (const row of ['| `fees.perContract` |', '| `slippage.ticks` |', '| `allowShort` |', '| `maxPosition` |', '| `backtest.cash` |']) expect(text).toContain(row);
  });
});

describe('relative links in the docs, README.md and the examples resolve', () => {
  const files = markdownFiles();

  it('finds the Markdown files', () => {
    expect(files.map((file) => relative(repoRoot, file))).toEqual(expect.arrayContaining(['README.md', 'docs/index.md', 'docs/getting-started.md', 'examples/01-minimal-backtest/README.md']));
  });

  it('every relative link names an existing file or folder, and every #anchor a heading of it', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const { line, target } of linksOf(file)) {
        const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
        const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart.split('?')[0]!));
        const where = `${relative(repoRoot, file)}:${line} → ${target}`;
        if (!existsSync(path)) {
          broken.push(`${where}: ${relative(repoRoot, path)} does not exist`);
          continue;
        }
        if (anchor !== undefined && anchor !== '' && statSync(path).isFile() && path.endsWith('.md') && !anchorsOf(path).has(anchor.toLowerCase())) {
          broken.push(`${where}: no heading with anchor #${anchor} in ${relative(repoRoot, path)}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('code shown from a file is that file', () => {
  it('every block after <!-- file: <path> --> equals the file it names, so guides cannot drift from tested code', () => {
    const drifted: string[] = [];
    let checked = 0;
    for (const file of markdownFiles()) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        const marker = /^<!-- file: (\S+) -->$/.exec(line.trim());
        if (marker === null) return;
        const end = lines.indexOf('```', index + 2);
        const shown = `${lines.slice(index + 2, end).join('\n')}\n`;
        const source = resolve(dirname(file), marker[1]!);
        checked++;
        if (!/^```\w*$/.test(lines[index + 1] ?? '') || end < 0) drifted.push(`${relative(repoRoot, file)}:${index + 1}: the marker must be followed by a code block`);
        else if (!existsSync(source)) drifted.push(`${relative(repoRoot, file)}:${index + 1}: ${marker[1]} does not exist`);
        else if (readFileSync(source, 'utf8') !== shown) drifted.push(`${relative(repoRoot, file)}:${index + 1}: the block differs from ${marker[1]}`);
      });
    }
    expect(checked).toBeGreaterThan(0);
    expect(drifted).toEqual([]);
  });
});

describe('TypeScript snippets in the docs type-check', () => {
  // Inside the repository (its /tmp/ is git-ignored) so `@grandmodel/*` resolve to this checkout's sources
  let dir = '';
  beforeAll(() => {
    mkdirSync(join(repoRoot, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(repoRoot, 'tmp', 'docs-snippets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every ```ts block compiles (blocks after <!-- snippet: skip --> are fragments and left out)', () => {
    const origins = new Map<string, string>();
    for (const file of markdownFiles()) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
        let previous = i - 1;
        while (previous >= 0 && lines[previous]!.trim() === '') previous--;
        const skip = previous >= 0 && lines[previous]!.trim() === '<!-- snippet: skip -->';
        const end = lines.indexOf('```', i + 1);
        if (end < 0) throw new Error(`${relative(repoRoot, file)}:${i + 1}: unclosed code block`);
        if (!skip) {
          const name = `${relative(repoRoot, file).replace(/[/.]/g, '_')}_L${i + 2}.ts`;
          origins.set(name, `${relative(repoRoot, file)}:${i + 2}`);
          // Each snippet is its own module, and its line numbers match the Markdown after the offset
          writeFileSync(join(dir, name), `${lines.slice(i + 1, end).join('\n')}\nexport {};\n`);
        }
        i = end;
      }
    }
    expect(origins.size).toBeGreaterThan(5);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    const base = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...base.compilerOptions, noEmit: true, declaration: false, sourceMap: false, customConditions: ['@grandmodel/source'] }, include: ['*.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    // Report each error at its place in the Markdown: <file>.md:<line>
    const errors = `${tsc.stdout}${tsc.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) =>
        line.replace(/^(\S+?\.ts)\((\d+),(\d+)\)/, (_match, name: string, row: string) => {
          const origin = origins.get(name.split('/').pop()!);
          if (origin === undefined) return `${name}:${row}`;
          const [md, first] = origin.split(/:(?=\d+$)/) as [string, string];
          return `${md}:${Number(first) + Number(row) - 1}`;
        }),
      );
    expect(errors).toEqual([]);
    expect(tsc.status).toBe(0);
  });
});
