import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSystem } from '../src/engine/load-system.js';
import { ConfigError } from '../src/errors/config-error.js';

describe('config file formats', () => {
  it('loads grandmodel.config.ts with defineConfig, without a build step', async () => {
    // Inside the repository, so the config's `@grandmodel/framework` import resolves as in a user's project
    const dir = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.tmp-config-'));
    writeFileSync(
      join(dir, 'grandmodel.config.ts'),
      [
        "import { defineConfig } from '@grandmodel/framework';",
        "const fast: number = 7;",
        "export default defineConfig({ name: 'from-ts', data: { use: 'synthetic', options: { symbol: 'NQ' } }, agents: [{ use: 'sma-cross', options: { fast, slow: 21 } }] });",
      ].join('\n'),
    );
    const { config } = await loadSystem(join(dir, 'grandmodel.config.ts'), { env: {} });
    expect(config.name).toBe('from-ts');
    expect(config.agents[0]!.options).toMatchObject({ fast: 7, slow: 21, quantity: 1 });
    expect(config.source).toBe(join(dir, 'grandmodel.config.ts'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports JSON problems with their line numbers too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-cfg-'));
    writeFileSync(join(dir, 'system.json'), ['{', '  "name": "json",', '  "agents": [', '    { "use": "sma-cross", "options": { "fast": "ten" } }', '  ]', '}'].join('\n'));
    const error = (await loadSystem(join(dir, 'system.json'), { env: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues[0]).toMatchObject({ path: 'agents[0].options.fast', line: 4 });
  });

  it('names a config file that does not exist', async () => {
    const error = (await loadSystem('/nowhere/system.yaml').catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('GM_CONFIG_NOT_FOUND');
    expect(error.message).toContain('/nowhere/system.yaml');
  });
});
