import type { PluginContext } from '@grandmodel/framework';

/**
 * Resolves a service that may be absent (e.g. the kill switch when a component runs in a bare kernel
 * without the engine); returns undefined instead of throwing.
 */
export function optionalService<T>(context: Pick<PluginContext<unknown>, 'resolve'>, token: Parameters<PluginContext<unknown>['resolve']>[0]): T | undefined {
  try {
    return context.resolve(token) as T;
  } catch {
    return undefined;
  }
}
