import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from './project-templates.js';
import { scaffoldProject } from './scaffold-project.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
// Inside the repository (its /tmp/ is git-ignored) so `@grandmodel/*` and vitest resolve to this checkout
let workDir = '';
beforeAll(() => {
  mkdirSync(join(repoRoot, 'tmp'), { recursive: true });
  workDir = mkdtempSync(join(repoRoot, 'tmp', 'template-check-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('project templates type-check against this checkout', () => {
  for (const template of TEMPLATE_NAMES) {
    it(`${template}: the generated sources and tests compile with the project's own tsconfig`, () => {
      const dir = join(workDir, template);
      scaffoldProject({ dir, template, name: `check-${template}`, sdk: { kind: 'version', range: '^0.1.0' } });
      // The project's tsconfig, reading the SDK packages' TypeScript sources instead of their builds
      writeFileSync(join(dir, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { customConditions: ['@grandmodel/source'] } }));
      const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(dir, 'tsconfig.check.json')], { encoding: 'utf8' });
      expect(`${tsc.stdout}${tsc.stderr}`.trim()).toBe('');
      expect(tsc.status).toBe(0);
    });
  }
});
