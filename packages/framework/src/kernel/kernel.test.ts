import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../plugin/define-plugin.js';
import { createKernel } from './kernel.js';
import { createSilentLogger } from '../logging/create-logger.js';
import { PluginError } from '../errors/plugin-error.js';
import { SdkError } from '../errors/sdk-error.js';
import { token } from '../di/tokens.js';

const log: string[] = [];

function service(id: string, dependsOn: string[] = [], kind: 'service' | 'agent' = 'service') {
  return definePlugin({
    manifest: { id, kind, version: '1.0.0', apiVersion: 1, dependsOn },
    options: z.strictObject({ label: z.string().default(id).describe('label') }),
    create: async (ctx) => {
      log.push(`create ${ctx.instanceId}`);
      return {
        label: ctx.options.label,
        start: () => void log.push(`start ${ctx.instanceId}`),
        stop: () => void log.push(`stop ${ctx.instanceId}`),
        dispose: () => void log.push(`dispose ${ctx.instanceId}`),
      };
    },
  });
}

const quiet = createSilentLogger();

describe('Kernel lifecycle', () => {
  it('creates in dependency order, starts in that order and stops and disposes in reverse', async () => {
    log.length = 0;
    // "consumer" is listed first but depends on "provider", so provider must be created first
    const kernel = await createKernel({
      plugins: [service('consumer', ['provider']), service('provider')],
      config: { services: [{ use: 'consumer' }, { use: 'provider' }] },
      logger: quiet,
    });
    await kernel.start();
    await kernel.dispose();
    expect(log).toEqual([
      'create provider', 'create consumer',
      'start provider', 'start consumer',
      'stop consumer', 'stop provider',
      'dispose consumer', 'dispose provider',
    ]);
  });

  it('lets a component resolve one created before it through its child container', async () => {
    const SHARED = token<{ value: number }>('test/shared');
    const reader = definePlugin({
      manifest: { id: 'reader', kind: 'service', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: (ctx) => ({ seen: ctx.resolve(SHARED).value }),
    });
    const kernel = await createKernel({
      plugins: [reader],
      config: { services: [{ use: 'reader' }] },
      logger: quiet,
      registerServices: (container) => container.register(SHARED, { useValue: { value: 42 } }),
    });
    expect(kernel.component('reader')?.instance['seen']).toBe(42);
  });

  it('refuses changes after start', async () => {
    const kernel = await createKernel({ plugins: [service('a')], config: { services: [{ use: 'a' }] }, logger: quiet });
    await kernel.start();
    expect(() => kernel.register(token('x'), 1)).toThrowError(expect.objectContaining({ code: 'GM_KERNEL_ALREADY_STARTED' }));
    await kernel.dispose();
  });
});

describe('Kernel plugin checks', () => {
  it('lists every missing dependency at once', async () => {
    const error = await createKernel({
      plugins: [service('a', ['x']), service('b', ['y', 'z'])],
      config: { services: [{ use: 'a' }, { use: 'b' }] },
      logger: quiet,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).code).toBe('GM_PLUGIN_DEPENDENCY_MISSING');
    const message = (error as Error).message;
    expect(message).toContain('3 problems');
    expect(message).toContain('depends on plugin "x"');
    expect(message).toContain('depends on plugin "y"');
    expect(message).toContain('depends on plugin "z"');
  });

  it('reports a dependency cycle', async () => {
    const error = await createKernel({
      plugins: [service('a', ['b']), service('b', ['a'])],
      config: { services: [{ use: 'a' }, { use: 'b' }] },
      logger: quiet,
    }).catch((e: unknown) => e);
    expect((error as SdkError).code).toBe('GM_PLUGIN_DEPENDENCY_CYCLE');
  });

  it('refuses a plugin built for another API version, naming it', async () => {
    const old = definePlugin({ manifest: { id: 'old', kind: 'service', version: '1.0.0', apiVersion: 2 }, options: z.strictObject({}), create: () => ({}) });
    const error = await createKernel({ plugins: [old], config: {}, logger: quiet }).catch((e: unknown) => e);
    expect((error as SdkError).code).toBe('GM_PLUGIN_API_VERSION_MISMATCH');
    expect((error as Error).message).toContain('plugin "old"');
    expect((error as Error).message).toContain('API version 2');
  });

  it('wraps a failing factory with the plugin, instance and hook', async () => {
    const broken = definePlugin({
      manifest: { id: 'broken', kind: 'service', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: () => {
        throw new Error('boom');
      },
    });
    const error = (await createKernel({ plugins: [broken], config: { services: [{ use: 'broken', id: 'b1' }] }, logger: quiet }).catch((e: unknown) => e)) as PluginError;
    expect(error.code).toBe('GM_PLUGIN_CREATE_FAILED');
    expect(error.pluginId).toBe('broken');
    expect(error.instanceId).toBe('b1');
    expect(error.hook).toBe('create');
    expect(error.message).toContain('boom');
  });
});

describe('Kernel fault policies', () => {
  it('keeps delivering after a throwing listener and disables a component whose policy is disable', async () => {
    const seen: string[] = [];
    const thrower = definePlugin({
      manifest: { id: 'thrower', kind: 'service', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: (ctx) => {
        ctx.bus.on('kill_switch.reset', () => {
          seen.push('thrower');
          throw new Error('listener bug');
        });
        return {};
      },
    });
    const listener = definePlugin({
      manifest: { id: 'listener', kind: 'service', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: (ctx) => {
        ctx.bus.on('kill_switch.reset', () => void seen.push('listener'));
        ctx.bus.on('plugin.faulted', (event) => void seen.push(`faulted ${event.instanceId} on ${event.event}: ${event.error.message}`));
        return {};
      },
    });
    const kernel = await createKernel({
      plugins: [thrower, listener],
      config: { services: [{ use: 'thrower', onFault: 'disable' }, { use: 'listener' }] },
      logger: quiet,
    });
    await kernel.start();
    kernel.bus.publish('kill_switch.reset', { by: 'test', tsEvent: 0, tsInit: 0 });
    kernel.bus.publish('kill_switch.reset', { by: 'test', tsEvent: 0, tsInit: 0 });
    expect(seen).toEqual(['thrower', 'faulted thrower on kill_switch.reset: listener bug', 'listener', 'listener']);
    expect(kernel.component('thrower')?.state).toBe('faulted');
    await kernel.dispose();
  });
});
