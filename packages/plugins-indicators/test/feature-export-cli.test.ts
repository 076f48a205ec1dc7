import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '@grandmodel/framework';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const shared = resolve(repo, '../shared');
const hasShared = existsSync(join(shared, 'golden', 'nq-30m-golden.csv.gz'));

function io(): CliIo & { text: () => string } {
  let text = '';
  return { stdout: { write: (t: string) => (text += t) }, stderr: { write: (t: string) => (text += t) }, cwd: repo, env: {}, text: () => text };
}

describe('grandmodel indicators (feature export)', () => {
  it('writes the columns of --use indicators, one row per bar (GrandModel output names kept as they are)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-feat-'));
    const bars = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < 40; i++) bars.push(`2024-01-02T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}:00Z,${100 + i},${101 + i},${99 + i},${100.5 + i},${1000 + i}`);
    writeFileSync(join(dir, 'bars.csv'), `${bars.join('\n')}\n`);
    const cli = io();
    expect(await runCli(['indicators', '--data', join(dir, 'bars.csv'), '--use', 'heiken-ashi', '--out', join(dir, 'features.csv')], cli)).toBe(0);
    const lines = readFileSync(join(dir, 'features.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,open,high,low,close,volume,ha_open,ha_high,ha_low,ha_close');
    expect(lines).toHaveLength(41);
    // Heiken-Ashi on bar 0: close = (O+H+L+C)/4 = (100+101+99+100.5)/4 = 100.125; open = (O+C)/2 = 100.25
    expect(lines[1]!.split(',').slice(6)).toEqual(['100.25', '101', '99', '100.125']);
  });

  it('refuses an unknown indicator, listing the installed ones', async () => {
    const cli = io();
    expect(await runCli(['indicators', '--data', 'x.csv', '--use', 'no-such', '--out', '/tmp/x.csv'], cli)).toBe(1);
    expect(cli.text()).toContain('"no-such" is not an installed indicator plugin');
    expect(cli.text()).toContain('mlmi');
  });

  describe.skipIf(!hasShared)('--preset grandmodel-30m against the golden file (skipped: ../shared/golden not found)', () => {
    it('writes exactly the golden columns and values for the NQ bars', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gm-feat-'));
      const out = join(dir, 'nq-features.csv');
      const cli = io();
      const code = await runCli(['indicators', '--data', join(shared, 'data', 'nq-30m.csv'), '--symbol', 'NQ', '--preset', 'grandmodel-30m', '--tick-size', '0.25', '--out', out], cli);
      expect(code, cli.text()).toBe(0);
      const ours = readFileSync(out, 'utf8').split('\n');
      const golden = gunzipSync(readFileSync(join(shared, 'golden', 'nq-30m-golden.csv.gz'))).toString('utf8').split('\n');
      expect(ours[0]).toBe(golden[0]);
      // The golden file covers the rows before 2024; compare the first 3,000 rows cell by cell
      const header = golden[0]!.split(',');
      for (let row = 1; row <= 3000; row++) {
        const a = ours[row]!.split(',');
        const b = golden[row]!.split(',');
        for (let col = 0; col < header.length; col++) {
          if (a[col] === b[col]) continue;
          const x = Number(a[col]);
          const y = Number(b[col]);
          // Floats agree within the README's tolerance; everything else must be identical text
          expect(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-8 + 1e-10 * Math.abs(y), `row ${row} ${header[col]}: ${a[col]} vs ${b[col]}`).toBe(true);
        }
      }
    });
  });
});
