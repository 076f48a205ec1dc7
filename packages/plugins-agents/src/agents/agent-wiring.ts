import { instanceToken, SdkError, toError } from '@grandmodel/framework';
import type { IndicatorComponent, PluginContext } from '@grandmodel/framework';
import { loadPolicy, type ModelContract } from '../inference/index.js';
import type { MatrixAssembler } from '../assemblers/matrix-assembler.js';
import { PolicyRunner } from './policy-runner.js';

/** The plugin-context parts the wiring helpers use. */
type WiringContext = Pick<PluginContext<unknown>, 'resolve' | 'instanceId' | 'baseDir' | 'mode' | 'random' | 'bus'>;

/**
 * Resolves a matrix assembler configured in `indicators:` by instance id and checks its kind by column layout
 * (duck-typed, so it holds whichever copy of this package created it). Throws GM_CONFIG_INVALID.
 */
export function resolveAssembler<T extends MatrixAssembler>(context: WiringContext, option: string, id: string, type: abstract new (...args: never[]) => T, plugin: string): T {
  let component: unknown;
  try {
    component = context.resolve(instanceToken(id));
  } catch (cause) {
    throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${option}: no component with id "${id}"; configure { use: ${plugin}${id === plugin ? '' : `, id: ${id}`} } in indicators: (${toError(cause).message})`, { cause });
  }
  const expected = (type as unknown as { name: string }).name;
  const candidate = component as Partial<MatrixAssembler> & { constructor?: { name?: string } };
  if (component instanceof type || (candidate.matrix !== undefined && typeof candidate.matrix.gather === 'function' && candidate.constructor?.name === expected)) return component as T;
  throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${option}: component "${id}" must be a ${plugin} assembler, was ${candidate.constructor?.name ?? typeof component}`);
}

/** Resolves an indicator component by id and the index of one of its outputs. */
export function resolveOutput(context: WiringContext, option: string, id: string, output: string): { readonly component: IndicatorComponent; readonly index: number } {
  let component: IndicatorComponent;
  try {
    component = context.resolve(instanceToken(id)) as IndicatorComponent;
  } catch (cause) {
    throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${option}: no indicator with id "${id}" is configured (${toError(cause).message})`, { cause });
  }
  const index = Array.isArray(component.outputs) ? component.outputs.indexOf(output) : -1;
  if (index < 0) throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${option}: indicator "${id}" has no output "${output}"; its outputs: ${component.outputs?.join(', ') ?? 'none'}`);
  return { component, index };
}

/**
 * Loads a model for a contract (`path` relative to the config folder, or the shipped one) and wraps it in a
 * runner: MC-dropout when `mcDropoutSamples > 0`, the timeout only outside backtests, masks from a forked stream.
 */
export async function loadRunner(context: WiringContext, contract: ModelContract, path: string | undefined, mcDropoutSamples: number, timeoutMs: number, stream: number): Promise<PolicyRunner> {
  const policy = await loadPolicy(contract, path, context.baseDir);
  return new PolicyRunner(policy, { mcDropoutSamples, timeoutMs: context.mode === 'backtest' ? undefined : timeoutMs, random: context.random.fork(stream) });
}

/**
 * Lifecycle hooks of a pipeline agent: on start it warms its models up; on stop it publishes `<plugin id>:stats`
 * with its counts (latency left out, so journals stay reproducible); on dispose it releases its models.
 */
export function agentLifecycle(context: WiringContext, pluginId: string, stats: () => object, runners: readonly PolicyRunner[] = []): { start(): Promise<void>; stop(): void; dispose(): Promise<void> } {
  return {
    start: async () => {
      for (const runner of runners) await runner.warmUp();
    },
    stop: () => {
      const { latencyMs: _latency, ...counts } = stats() as Record<string, unknown>;
      context.bus.emitCustom(`${pluginId}:stats`, counts);
    },
    dispose: async () => {
      await Promise.all(runners.map((runner) => runner.policy.dispose()));
    },
  };
}
