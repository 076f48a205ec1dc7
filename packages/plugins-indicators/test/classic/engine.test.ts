// The classic plugins run inside the engine: configured by id, validated, bound to a timeframe and fed its bars
import { ConfigError, Engine, createSilentLogger, generateSyntheticBars, loadSystem } from '@grandmodel/framework';
import type { Bar, ComponentEntryInput, ConfigInput, Indicator } from '@grandmodel/framework';
import { arrayDataSourcePlugin } from '@grandmodel/framework/testing';
import { describe, expect, it } from 'vitest';
import { BollingerBands, RelativeStrengthIndex, classicIndicators } from '../../src/classic/index.js';

const bars: Bar[] = [...generateSyntheticBars({ symbol: 'NQ', from: '2024-03-04', to: '2024-03-08', seed: 11, tickSize: 0.25, startPrice: 18_000 })];

function system(indicators: ComponentEntryInput[]): ConfigInput {
  return {
    name: 'classic-indicators',
    instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
    data: { use: 'array' },
    bars: ['5m', '30m'],
    indicators,
    logging: { level: 'silent' },
  };
}

describe('classic indicator plugins in the engine', () => {
  it('feeds each configured indicator the bars of its timeframe, like feeding the class directly', async () => {
    const config = system([
      { use: 'bollinger', id: 'bands-5m', options: { period: 20, multiplier: 2, timeframe: '5m' } },
      { use: 'rsi', id: 'rsi-30m', options: { period: 14, timeframe: '30m' } },
    ]);
    const loaded = await loadSystem(config, { plugins: [arrayDataSourcePlugin(bars), ...classicIndicators], env: {} });
    const engine = await Engine.create(loaded.config, loaded.registry, { logger: createSilentLogger() });
    const fiveMinute: Bar[] = [];
    const thirtyMinute: Bar[] = [];
    engine.kernel.bus.on('bar.closed', (event) => {
      if (event.bar.timeframe === '5m') fiveMinute.push(event.bar);
      if (event.bar.timeframe === '30m') thirtyMinute.push(event.bar);
    });
    await engine.run();

    const bands = engine.indicators.get('bands-5m');
    const reference: Indicator = new BollingerBands({ period: 20, multiplier: 2 });
    for (const bar of fiveMinute) reference.update(bar);
    expect(fiveMinute.length).toBeGreaterThan(reference.warmUp);
    expect(bands.samples).toBe(fiveMinute.length);
    expect(Array.from(bands.values)).toEqual(Array.from(reference.values));

    const rsi = engine.indicators.get('rsi-30m');
    expect(rsi.timeframe).toBe('30m');
    expect(thirtyMinute.length).toBeGreaterThan(rsi.warmUp);
    const rsiReference = new RelativeStrengthIndex({ period: 14 });
    for (const bar of thirtyMinute) rsiReference.update(bar);
    expect(rsi.samples).toBe(thirtyMinute.length);
    expect(rsi.isReady).toBe(true);
    expect(rsi.values[0]).toBe(rsiReference.values[0]);
  });

  it('reports every bad indicator option in one configuration error with its path', async () => {
    const config = system([
      { use: 'macd', options: { fastPeriod: 30 } },
      { use: 'sma', options: { period: 0, lenght: 5 } },
    ]);
    const failure = await loadSystem(config, { plugins: [arrayDataSourcePlugin(bars), ...classicIndicators], env: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    const paths = (failure as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toContain('indicators[0].options.fastPeriod');
    expect(paths).toContain('indicators[1].options.period');
    expect(paths.some((path) => path.startsWith('indicators[1].options'))).toBe(true);
    expect((failure as ConfigError).issues.length).toBeGreaterThanOrEqual(3);
  });
});
