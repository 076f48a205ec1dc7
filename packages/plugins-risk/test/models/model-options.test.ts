import { ConfigError, loadSystem } from '@grandmodel/framework';
import { arrayDataSourcePlugin, makeBar } from '@grandmodel/framework/testing';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { correlationPlugin, drawdownPlugin, kellyPlugin, riskModels, stressPlugin, varPlugin } from '../../src/models/index.js';

const bars = [makeBar({ symbol: 'X', start: Date.UTC(2024, 0, 2), open: 1, high: 1, low: 1, close: 1 })];

/** Validates a config with one risk model and returns the error message (or undefined when valid). */
async function configProblem(use: string, options: unknown): Promise<string | undefined> {
  try {
    await loadSystem({ data: { use: 'array' }, risk: [{ use, options }] }, { plugins: [...riskModels, arrayDataSourcePlugin(bars)], env: {} });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('risk-model options', () => {
  it('registers every model under its id, as a risk-model plugin', () => {
    expect(riskModels.map((p) => [p.manifest.id, p.manifest.kind])).toEqual([
      ['kelly', 'risk-model'],
      ['var', 'risk-model'],
      ['correlation', 'risk-model'],
      ['drawdown', 'risk-model'],
      ['stress', 'risk-model'],
    ]);
  });

  it('describes every option', () => {
    for (const plugin of riskModels) {
      const shape = (plugin.options as unknown as z.ZodObject).shape;
      for (const [key, field] of Object.entries(shape)) expect(field.description, `${plugin.manifest.id}.${key}`).toMatch(/\w{3,}/);
    }
  });

  it('has the documented defaults', () => {
    expect(kellyPlugin.options.parse({})).toEqual({ multiplier: 0.5, maxFraction: 0.25, source: 'auto', lookbackTrades: 100, minTrades: 30, includeFees: true, withoutEstimate: 'approve', sizing: 'set', lotSize: 1 });
    expect(varPlugin.options.parse({})).toMatchObject({
      method: 'historical',
      window: 252,
      minObservations: 30,
      horizon: 1,
      limits: [
        { confidence: 0.95, limit: 0.02, measure: 'var' },
        { confidence: 0.99, limit: 0.05, measure: 'var' },
      ],
      action: 'reduce',
      recovery: 'automatic',
      preTrade: false,
      paths: 10_000,
      lambda: 0.94,
      maxInstruments: 8,
    });
    expect(correlationPlugin.options.parse({})).toMatchObject({ lambda: 0.94, threshold: 0.5, window: '10m', minSamples: 30, actOnSeverity: 'high', maxLeverage: 4, leverageFactor: 0.5, downsize: true, action: 'none' });
    expect(drawdownPlugin.options.parse({})).toEqual({
      steps: [
        { drawdown: 0.1, action: 'reduce' },
        { drawdown: 0.15, action: 'halt' },
        { drawdown: 0.2, action: 'flatten' },
      ],
      dailyLossLimit: 0.05,
      dailyLossAction: 'halt',
      sessionStart: '00:00',
      lotSize: 1,
    });
    expect(stressPlugin.options.parse({})).toMatchObject({ historical: true, historicalBars: 5, limit: 0.1, action: 'reduce', recovery: 'automatic', preTrade: true });
  });

  it('rejects NaN with a message naming the config path', async () => {
    const cases: [string, unknown, string][] = [
      ['kelly', { multiplier: Number.NaN }, 'risk[0].options.multiplier'],
      ['var', { limits: [{ confidence: 0.95, limit: Number.NaN }] }, 'risk[0].options.limits[0].limit'],
      ['correlation', { threshold: Number.NaN }, 'risk[0].options.threshold'],
      ['drawdown', { steps: [{ drawdown: Number.NaN, action: 'halt' }] }, 'risk[0].options.steps[0].drawdown'],
      ['stress', { scenarios: [{ name: 'x', uniform: Number.NaN }] }, 'risk[0].options.scenarios[0].uniform'],
    ];
    for (const [use, options, path] of cases) {
      const message = await configProblem(use, options);
      expect(message, use).toContain(`${path}: Invalid input: expected number, received NaN`);
    }
  });

  it('rejects inconsistent or out-of-range options with a clear message', async () => {
    expect(await configProblem('kelly', { minTrades: 50, lookbackTrades: 20 })).toContain('risk[0].options.minTrades: minTrades must be <= lookbackTrades');
    expect(await configProblem('kelly', { multiplier: 1.5 })).toContain('risk[0].options.multiplier');
    expect(await configProblem('kelly', { fraction: 0.5 })).toContain('fraction');
    expect(await configProblem('var', { window: 20, minObservations: 30 })).toContain('risk[0].options.minObservations: minObservations must be <= window');
    expect(await configProblem('var', { limits: [{ confidence: 1, limit: 0.02 }] })).toContain('risk[0].options.limits[0].confidence');
    expect(await configProblem('correlation', { window: 'ten minutes' })).toContain('risk[0].options.window: expected a duration such as 10m, 1h or 1d');
    expect(await configProblem('drawdown', { steps: [{ drawdown: 0.2, action: 'halt' }, { drawdown: 0.1, action: 'reduce' }] })).toContain('risk[0].options.steps: steps must be in strictly increasing drawdown order');
    expect(await configProblem('drawdown', { sessionStart: '24:00' })).toContain('expected a 24-hour UTC time HH:MM such as "22:00"');
    expect(await configProblem('stress', { scenarios: [{ name: 'empty' }] })).toContain('a scenario needs `uniform` or at least one entry in `shocks`');
    expect(await configProblem('stress', { scenarios: [{ name: 'below zero', uniform: -1 }] })).toContain('risk[0].options.scenarios[0].uniform');
    expect(await configProblem('drawdown', { dailyLossLimit: null })).toBeUndefined();
  });
});
