import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_FILES } from '../output/run-files.js';
import { writeSampleRun } from '../output/sample-run.js';
import { writeReport } from './write-report.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const inCi = process.env['CI'] === 'true';

if (!available && inCi) {
  describe('report.html in headless Chromium', () => {
    it('requires Chromium at /usr/bin/chromium in CI', () => {
      throw new Error(`${CHROMIUM} not found: CI must install Debian's chromium (apt-get install chromium) to check report.html in a real browser`);
    });
  });
}

/** What the page reported after rendering. */
interface PageCheck {
  readonly errors: string[];
  readonly requests: string[];
  readonly charts: { id: string; candles: string | null; markers: string | null; points: string | null; painted: number; up: number; down: number }[];
  readonly statistics: Record<string, string>;
}

/** The few DOM shapes the in-page check uses (the test project compiles without the DOM library). */
interface PageCanvas {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  getAttribute(name: string): string | null;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}
interface PageRow {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}
interface PageDocument {
  querySelectorAll(selector: string): Iterable<unknown>;
}

const rowsOf = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').slice(1);

describe.skipIf(!available)(`report.html in headless Chromium${available ? '' : ' (skipped: /usr/bin/chromium not found; with CI=true this fails)'}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'gm-report-'));
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens a report by file:// and collects errors, requests, chart attributes and painted pixels. */
  async function open(path: string): Promise<PageCheck> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });
    const result = await page.evaluate(() => {
      // Counts pixels near the candle colours #15803d (up) and #b91c1c (down), and every painted pixel
      const near = (r: number, g: number, b: number, target: readonly number[]) => Math.abs(r - target[0]!) + Math.abs(g - target[1]!) + Math.abs(b - target[2]!) < 40;
      const page = (globalThis as unknown as { document: PageDocument }).document;
      const charts = [...page.querySelectorAll('canvas.chart')].map((element) => {
        const canvas = element as PageCanvas;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        let up = 0;
        let down = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! === 0) continue;
          painted++;
          if (near(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, [21, 128, 61])) up++;
          if (near(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, [185, 28, 28])) down++;
        }
        return {
          id: canvas.id || `candles:${canvas.getAttribute('data-symbol')}`,
          candles: canvas.getAttribute('data-candles'),
          markers: canvas.getAttribute('data-markers'),
          points: canvas.getAttribute('data-points'),
          painted,
          up,
          down,
        };
      });
      const statistics: Record<string, string> = {};
      for (const element of page.querySelectorAll('table.stats tr')) {
        const row = element as PageRow;
        statistics[row.getAttribute('data-key')!] = row.querySelector('td')!.textContent!;
      }
      return { charts, statistics };
    });
    await page.close();
    return { errors, requests, ...result };
  }

  it('draws candles with trade markers, equity and drawdown with no errors and no network', async () => {
    const dir = join(root, 'sample');
    const summary = writeSampleRun(dir, { bars: 400, seed: 5 });
    const path = await writeReport(dir);
    const check = await open(path);
    expect(check.errors).toEqual([]);
    expect(check.requests).toEqual([pathToFileURL(path).href]);
    const byId = Object.fromEntries(check.charts.map((chart) => [chart.id, chart]));
    // Counts come from the files, read here independently of the report reader
    const candles = byId['candles:NQ']!;
    expect(Number(candles.candles)).toBe(rowsOf(dir, RUN_FILES.bars).length);
    expect(Number(candles.markers)).toBe(2 * rowsOf(dir, RUN_FILES.trades).length);
    expect(Number(candles.markers)).toBeGreaterThan(0);
    expect(candles.up).toBeGreaterThan(200);
    expect(candles.down).toBeGreaterThan(200);
    expect(Number(byId['equity-chart']!.points)).toBe(rowsOf(dir, RUN_FILES.equity).length);
    expect(Number(byId['drawdown-chart']!.points)).toBe(400);
    for (const chart of check.charts) expect(chart.painted, chart.id).toBeGreaterThan(2000);
    expect(summary.statistics.trades).toBeGreaterThan(0);
  });

  it('shows the summary statistics in the table', async () => {
    const dir = join(root, 'table');
    const summary = writeSampleRun(dir, { bars: 300, seed: 8 });
    const check = await open(await writeReport(dir));
    const stats = summary.statistics;
    expect(check.statistics['trades']).toBe(String(stats.trades));
    expect(check.statistics['bars']).toBe('300');
    expect(check.statistics['maxDrawdown']).toBe(`${(stats.maxDrawdown * 100).toFixed(2)} %`);
    expect(check.statistics['winRate']).toBe(`${((stats.winRate ?? Number.NaN) * 100).toFixed(2)} %`);
    expect(check.statistics['startTime']).toBe(`${new Date(stats.startTime).toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  });

  it('bounds a long run: downsampled candles and equity points still draw', async () => {
    const dir = join(root, 'long');
    writeSampleRun(dir, { bars: 6000, seed: 2, maxCandles: 500 });
    const path = await writeReport(dir, { equityPoints: 300, trades: 100 });
    const check = await open(path);
    expect(check.errors).toEqual([]);
    const byId = Object.fromEntries(check.charts.map((chart) => [chart.id, chart]));
    // 6000 bars at capacity 500 → stride 16 → ceil(6000 / 16) = 375 candles; at capacity 300 → stride 32 → 188 points
    expect(Number(byId['candles:NQ']!.candles)).toBe(375);
    expect(Number(byId['equity-chart']!.points)).toBe(188);
    expect(Number(byId['candles:NQ']!.markers)).toBeLessThanOrEqual(200);
    expect(Number(byId['candles:NQ']!.markers)).toBeGreaterThan(0);
    for (const chart of check.charts) expect(chart.painted, chart.id).toBeGreaterThan(2000);
  });

  it('renders a one-bar run with no trades and no bars file without errors', async () => {
    const dir = join(root, 'tiny');
    writeSampleRun(dir, { bars: 1, seed: 1 });
    rmSync(join(dir, RUN_FILES.bars));
    const check = await open(await writeReport(dir));
    expect(check.errors).toEqual([]);
    const byId = Object.fromEntries(check.charts.map((chart) => [chart.id, chart]));
    expect(byId['candles:NQ']).toBeUndefined();
    expect(byId['equity-chart']!.points).toBe('1');
    expect(byId['equity-chart']!.painted).toBeGreaterThan(0);
    expect(check.statistics['sharpe']).toBe('n/a');
    expect(check.statistics['winRate']).toBe('n/a');
  });
});
