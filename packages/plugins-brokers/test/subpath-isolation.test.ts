import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const recorder = resolve(dirname(fileURLToPath(import.meta.url)), 'support/record-loads.mjs');

/** Imports a module in a fresh Node process and returns the venue SDKs it loaded. */
function sdksLoadedBy(specifier: string): string[] {
  const script = `
    await import(${JSON.stringify(specifier)});
    await new Promise((done) => setTimeout(done, 100));
    const urls = globalThis.__resolvedModuleUrls;
    const sdks = new Set();
    for (const url of urls) {
      if (url.includes('/node_modules/ccxt/')) sdks.add('ccxt');
      if (url.includes('/node_modules/@alpacahq/')) sdks.add('alpaca');
    }
    process.stdout.write(JSON.stringify([...sdks].sort()));
  `;
  const result = spawnSync(process.execPath, ['--conditions=@grandmodel/source', '--import', 'tsx', '--import', recorder, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`importing ${specifier} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

describe('subpath exports load only their own venue SDK', () => {
  it('paper and the package root load no venue SDK; ccxt loads only ccxt; alpaca loads only the Alpaca SDK', () => {
    expect(sdksLoadedBy('@grandmodel/plugins-brokers/paper')).toEqual([]);
    expect(sdksLoadedBy('@grandmodel/plugins-brokers')).toEqual([]);
    expect(sdksLoadedBy('@grandmodel/plugins-brokers/ccxt')).toEqual(['ccxt']);
    expect(sdksLoadedBy('@grandmodel/plugins-brokers/alpaca')).toEqual(['alpaca']);
  });
});
