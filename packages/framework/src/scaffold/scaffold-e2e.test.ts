import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from './project-templates.js';
import { scaffoldProject } from './scaffold-project.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const enabled = process.env['GM_SCAFFOLD_E2E'] === '1' || process.env['CI'] === 'true';
const PER_TEMPLATE_MS = 5 * 60_000;

/** The environment for npm in a generated project: this process's, without what npm and vitest set for the parent run. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|TINYPOOL)/i.test(key) || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

/** Runs an npm command in `dir`; fails the test with its output when it exits non-zero. */
function npm(dir: string, args: string[]): string {
  const result = spawnSync('npm', args, { cwd: dir, env: childEnv(), encoding: 'utf8', timeout: PER_TEMPLATE_MS, maxBuffer: 64 * 1024 * 1024 });
  // Plain text whatever the child's colour settings
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} in ${dir} exited with ${result.status ?? result.signal}:\n${output.slice(-6000)}`);
  return output;
}

// Slow (an npm install per template), so it runs in CI or on request: GM_SCAFFOLD_E2E=1 npx vitest run packages/framework/src/scaffold
describe.skipIf(!enabled)('grandmodel new, end to end: npm install, npm test and npm start pass in every generated project', () => {
  it('uses the built framework of this checkout (npm run build)', () => {
    expect(existsSync(join(repoRoot, 'packages', 'framework', 'dist', 'index.js')), 'packages/framework/dist is missing: run npm run build').toBe(true);
  });

  for (const template of TEMPLATE_NAMES) {
    it(
      `${template}`,
      () => {
        const dir = join(mkdtempSync(join(tmpdir(), 'gm-e2e-')), `e2e-${template}`);
        try {
          scaffoldProject({ dir, template, name: `e2e-${template}`, sdk: { kind: 'checkout', root: repoRoot, links: 'absolute' } });
          npm(dir, ['install', '--no-audit', '--no-fund']);
          const tested = npm(dir, ['test']);
          expect(tested).toMatch(/Tests\s+\d+ passed/);
          expect(tested).not.toMatch(/\d+ (failed|skipped)/);
          npm(dir, ['start']);
          const summary = JSON.parse(readFileSync(join(dir, 'runs', 'latest', 'summary.json'), 'utf8')) as { run: { barsProcessed: number; stopReason: string } };
          // One month of 1-minute bars from the synthetic market
          expect(summary.run.barsProcessed).toBeGreaterThan(20_000);
          expect(summary.run.stopReason).toBe('completed');
          expect(existsSync(join(dir, 'runs', 'latest', 'report.html'))).toBe(true);
        } finally {
          rmSync(join(dir, '..'), { recursive: true, force: true });
        }
      },
      PER_TEMPLATE_MS * 3,
    );
  }
});

describe.skipIf(enabled)('grandmodel new, end to end', () => {
  it.skip('skipped: set GM_SCAFFOLD_E2E=1 (CI sets CI=true) to npm install, test and start every template', () => undefined);
});
