import { createSilentLogger, Engine, loadSystem, type ConfigInput } from '@grandmodel/framework';
import { arrayDataSourcePlugin, makeBar } from '@grandmodel/framework/testing';
import { grandmodelIndicators } from '@grandmodel/plugins-indicators';
import { describe, expect, it } from 'vitest';
import { pipelinePlugins } from '../../src/presets/index.js';

const bars = [makeBar({ symbol: 'NQ', timeframe: '5m', start: '2024-01-02T00:00:00Z', open: 1, high: 2, low: 0.5, close: 1.5 }, 300_000)];

/** Creates the engine for a config and returns the creation error's message (or 'created'). */
async function create(config: Partial<ConfigInput>): Promise<string> {
  const system = await loadSystem({ data: { use: 'array' }, bars: ['5m', '30m'], ...config }, { plugins: [arrayDataSourcePlugin(bars), ...grandmodelIndicators, ...pipelinePlugins], env: {} });
  try {
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    await engine.dispose();
    return 'created';
  } catch (error) {
    return (error as Error).message;
  }
}

const strategicSources = [
  { use: 'mlmi', options: { timeframe: '30m' } },
  { use: 'nw-rqk', options: { timeframe: '30m' } },
  { use: 'lvn', options: { timeframe: '30m' } },
  { use: 'mmd', options: { timeframe: '30m' } },
  { use: 'aux-30m', options: { timeframe: '30m' } },
];

describe('pipeline wiring errors name the option, the id and what was expected', () => {
  it('accepts the sources listed before the assembler', async () => {
    expect(await create({ indicators: [...strategicSources, { use: 'strategic-matrix' }] })).toBe('created');
  });

  it('refuses an assembler listed before its sources', async () => {
    const message = await create({ indicators: [{ use: 'strategic-matrix' }, ...strategicSources] });
    expect(message).toMatch(/"strategic-matrix" option sources\.mlmi: no indicator with id "mlmi" is configured before it/);
  });

  it('refuses a source bound to another timeframe', async () => {
    const message = await create({ indicators: [{ use: 'fvg', options: { timeframe: '30m' } }, { use: 'tactical-matrix' }] });
    expect(message).toMatch(/"tactical-matrix" option fvg: indicator "fvg" must be bound to timeframe 5m \(options\.timeframe\), was 30m/);
  });

  it('refuses a source of the wrong kind', async () => {
    const message = await create({ indicators: [{ use: 'fvg', id: 'mlmi', options: { timeframe: '30m' } }, ...strategicSources.slice(1), { use: 'strategic-matrix' }] });
    expect(message).toMatch(/option sources\.mlmi: indicator "mlmi" must be a MLMI indicator \(plugin mlmi\) \(output 8 "mlmi_value"\)/);
  });

  it('refuses an agent pointed at a missing assembler or ATR output', async () => {
    expect(await create({ agents: [{ use: 'strategic-marl' }] })).toMatch(/"strategic-marl" option matrix: no component with id "strategic-matrix"; configure \{ use: strategic-matrix \}/);
    const tactical = await create({
      indicators: [{ use: 'fvg', options: { timeframe: '5m' } }, { use: 'tactical-matrix' }, { use: 'atr-gm', options: { timeframe: '5m' } }],
      agents: [{ use: 'tactical-marl', options: { atrOutput: 'atr21' } }],
    });
    expect(tactical).toMatch(/"tactical-marl" option atr: indicator "atr-gm" has no output "atr21"; its outputs: atr_tr, atr14, atr14_ewma/);
  });

  it('refuses invalid options with the path of each', async () => {
    const system = loadSystem({ data: { use: 'array' }, agents: [{ use: 'synergy-detector', options: { windowBars: 0, patterns: { X: ['mlmi', 'mlmi', 'fvg'] } } }] }, { plugins: [arrayDataSourcePlugin(bars), ...grandmodelIndicators, ...pipelinePlugins], env: {} });
    await expect(system).rejects.toThrow(/windowBars[\s\S]*patterns\.X|patterns\.X[\s\S]*windowBars/);
  });
});
