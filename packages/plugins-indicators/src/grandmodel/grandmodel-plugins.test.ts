import type { PluginContext } from '@grandmodel/framework';
import { isPluginDefinition } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { grandmodelIndicators, mlmiPlugin } from './grandmodel-plugins.js';
import type { StreamingIndicator } from './streaming-indicator.js';

function create(plugin: (typeof grandmodelIndicators)[number], input: Record<string, unknown>): StreamingIndicator {
  const options = plugin.options.parse(input);
  return plugin.create({ options } as PluginContext<never>) as StreamingIndicator;
}

describe('grandmodelIndicators', () => {
  it('lists every GrandModel indicator plugin with a unique kebab-case id', () => {
    const ids = grandmodelIndicators.map((plugin) => plugin.manifest.id);
    expect(ids).toEqual(['heiken-ashi', 'mlmi', 'nw-rqk', 'fvg', 'lvn', 'mmd', 'atr-gm', 'aux-30m', 'strategic-matrix-row', 'grandmodel-30m']);
    for (const plugin of grandmodelIndicators) {
      expect(isPluginDefinition(plugin)).toBe(true);
      expect(plugin.manifest.kind).toBe('indicator');
    }
  });

  it('creates working indicators from default options, bound to the configured timeframe and symbol', () => {
    const bar = { start: 0, open: 10, high: 11, low: 9, close: 10.5, volume: 5 };
    for (const plugin of grandmodelIndicators) {
      const indicator = create(plugin, { timeframe: '30m', symbol: 'CL' });
      indicator.update(bar);
      expect(indicator.samples).toBe(1);
      expect(indicator.outputs.length).toBe(indicator.values.length);
      expect(indicator.timeframe).toBe('30m');
      expect(indicator.symbol).toBe('CL');
    }
  });

  it('fills documented defaults and rejects unknown options', () => {
    const parsed = mlmiPlugin.options.parse({});
    expect(parsed).toMatchObject({ source: 'ha_close', numNeighbors: 200, momentumWindow: 20, maxStoreSize: 10_000, signalVariant: 'zero-cross' });
    for (const plugin of grandmodelIndicators) {
      expect(plugin.options.safeParse({ notAnOption: 1 }).success).toBe(false);
      expect(plugin.options.safeParse({ timeframe: 5 }).success).toBe(false);
    }
  });
});
