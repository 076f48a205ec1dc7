import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Writable } from 'node:stream';
import { definePlugin } from '../plugin/define-plugin.js';
import { PluginRegistry } from '../plugin/plugin-registry.js';
import { ConfigError } from '../errors/config-error.js';
import { textConfigSource } from './config-source.js';
import { resolveConfig } from './resolve-config.js';
import { createLogger } from '../logging/create-logger.js';

const sma = definePlugin({
  manifest: { id: 'sma', kind: 'indicator', version: '1.0.0', apiVersion: 1 },
  options: z.strictObject({ period: z.number().int().positive().default(14).describe('Window length in bars') }),
  create: () => ({}),
});
const venue = definePlugin({
  manifest: { id: 'venue', kind: 'broker', version: '1.0.0', apiVersion: 1 },
  options: z.strictObject({ apiKey: z.string().describe('API key'), secret: z.string().describe('API secret') }),
  create: () => ({}),
});
const registry = new PluginRegistry().register([sma, venue]);

function resolveYaml(text: string, env: Record<string, string> = {}) {
  return resolveConfig(textConfigSource(text, 'system.yaml', '/tmp'), registry, { env });
}

describe('resolveConfig', () => {
  it('reports every problem at once, with paths and YAML lines', () => {
    const yaml = [
      'name: demo', //                       1
      'mode: backtset', //                    2 (typo)
      'indicators:', //                      3
      '  - use: sma', //                     4
      '    options: { period: 10 }', //      5
      '  - use: sma', //                     6
      '    id: slow', //                     7
      '    options:', //                     8
      '      period: -3', //                 9
      '      colour: red', //               10
      '  - use: smaa', //                   11
    ].join('\n');
    const error = (() => {
      try {
        resolveYaml(yaml);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    // The envelope fails first (mode), so plugin options are reported once the envelope is fixed
    expect(error.issues.map((i) => [i.path, i.line])).toEqual([['mode', 2]]);

    const fixed = yaml.replace('backtset', 'backtest');
    const second = (() => {
      try {
        resolveYaml(fixed);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    const byPath = Object.fromEntries(second.issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual(['indicators[1].options', 'indicators[1].options.period', 'indicators[2].use']);
    expect(byPath['indicators[1].options.period']!.line).toBe(9);
    expect(byPath['indicators[1].options']!.message).toContain('colour');
    expect(byPath['indicators[2].use']!.message).toContain('no installed plugin is named "smaa"');
    expect(byPath['indicators[2].use']!.line).toBe(11);
    expect(second.message).toContain('system.yaml:9 indicators[1].options.period');
  });

  it('rejects duplicate instance ids and a plugin used in the wrong section', () => {
    const yaml = 'indicators:\n  - use: sma\n  - use: sma\nagents:\n  - use: sma\n    id: other\n';
    try {
      resolveYaml(yaml);
      throw new Error('expected a ConfigError');
    } catch (e) {
      const issues = (e as ConfigError).issues;
      expect(issues.map((i) => i.code).sort()).toEqual(['duplicate_id', 'kind_mismatch']);
      expect(issues.find((i) => i.code === 'kind_mismatch')!.path).toBe('agents[0].use');
    }
  });

  it('applies plugin defaults and freezes the result', () => {
    const { config } = resolveYaml('indicators:\n  - use: sma\n');
    expect(config.indicators[0]!.options).toEqual({ period: 14 });
    expect(config.indicators[0]!.id).toBe('sma');
    expect(config.mode).toBe('backtest');
    expect(Object.isFrozen(config.indicators[0]!.options)).toBe(true);
  });

  it('interpolates ${VAR} and ${VAR:default}, records secret paths, and names a missing variable', () => {
    const yaml = 'broker:\n  use: venue\n  options:\n    apiKey: ${VENUE_KEY}\n    secret: ${VENUE_SECRET}\nname: ${RUN_NAME:demo}\n';
    const { config, secretValues } = resolveYaml(yaml, { VENUE_KEY: 'key-123456', VENUE_SECRET: 'shh-abcdef' });
    expect(config.broker!.options).toEqual({ apiKey: 'key-123456', secret: 'shh-abcdef' });
    expect(config.name).toBe('demo');
    expect(config.secretPaths).toEqual(['broker.options.apiKey', 'broker.options.secret']);
    expect(secretValues).toEqual(['key-123456', 'shh-abcdef']);

    try {
      resolveYaml(yaml, { VENUE_KEY: 'key-123456' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      const issue = (e as ConfigError).issues[0]!;
      expect(issue.path).toBe('broker.options.secret');
      expect(issue.line).toBe(5);
      expect(issue.message).toContain('environment variable VENUE_SECRET is not set');
    }
  });

  it('never writes secrets to the log, by key or by value', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ destination: sink, secrets: ['shh-abcdef'] });
    logger.info({ options: { secret: 'shh-abcdef', apiKey: 'key-123456' } }, 'connecting with shh-abcdef');
    const text = lines.join('');
    expect(text).not.toContain('shh-abcdef');
    expect(text).not.toContain('key-123456');
    expect(text).toContain('[REDACTED]');
  });

  it('applies --set overrides before validation', () => {
    const source = textConfigSource('backtest: { cash: 1000 }\n', 'a.yaml', '/tmp');
    const { config } = resolveConfig(source, registry, { env: {}, overrides: ['backtest.cash=5e4', 'bars=[5m, 30m]'] });
    expect(config.backtest.cash).toBe(50_000);
    expect(config.bars).toEqual(['5m', '30m']);
  });

  it('reports YAML syntax errors with their line', () => {
    try {
      textConfigSource('name: a\nbars: [5m\n', 'bad.yaml', '/tmp');
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).issues[0]!.line).toBeGreaterThanOrEqual(2);
      expect((e as ConfigError).message).toContain('bad.yaml');
    }
  });
});
