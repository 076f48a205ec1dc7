import { instanceToken, SdkError, toError } from '@grandmodel/framework';
import type { IndicatorComponent, PluginContext } from '@grandmodel/framework';

/** Where a pipeline component reads an indicator from, for error messages and the binding check. */
export interface SourceRequest {
  /** Option path naming the source, e.g. `sources.mlmi`. */
  readonly option: string;
  /** Instance id of the indicator component. */
  readonly id: string;
  /** Outputs the reader needs. */
  readonly outputs?: readonly string[];
  /** Timeframe the source must be bound to (checked when given). */
  readonly timeframe?: string | undefined;
}

/** The part of a plugin context the lookup needs. */
export type ResolvingContext = Pick<PluginContext<unknown>, 'resolve' | 'instanceId'>;

/**
 * Resolves a configured indicator component by instance id at creation time. The indicator must be listed
 * before the reader in `indicators:` — that is also what makes the engine update it first on every bar.
 * Throws GM_CONFIG_INVALID naming the option, the id and what was expected.
 */
export function resolveIndicatorSource(context: ResolvingContext, request: SourceRequest): IndicatorComponent {
  let component: unknown;
  try {
    component = context.resolve(instanceToken(request.id));
  } catch (cause) {
    throw new SdkError(
      'GM_CONFIG_INVALID',
      `"${context.instanceId}" option ${request.option}: no indicator with id "${request.id}" is configured before it (list it earlier in indicators:): ${toError(cause).message}`,
      { cause },
    );
  }
  const indicator = component as Partial<IndicatorComponent>;
  if (typeof indicator.update !== 'function' || !(indicator.values instanceof Float64Array) || !Array.isArray(indicator.outputs)) {
    throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${request.option}: component "${request.id}" is not an indicator (expected outputs, values and update())`);
  }
  if (request.timeframe !== undefined && indicator.timeframe !== request.timeframe) {
    throw new SdkError(
      'GM_CONFIG_INVALID',
      `"${context.instanceId}" option ${request.option}: indicator "${request.id}" must be bound to timeframe ${request.timeframe} (options.timeframe), was ${indicator.timeframe ?? 'the base timeframe (unset)'}`,
    );
  }
  for (const output of request.outputs ?? []) {
    if (!indicator.outputs.includes(output)) {
      throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${request.option}: indicator "${request.id}" has no output "${output}"; its outputs: ${indicator.outputs.join(', ')}`);
    }
  }
  return component as IndicatorComponent;
}

/**
 * Checks that a source has the named outputs at the given positions (a suffix such as `_close` is allowed),
 * for readers that index `values` directly. Duck-typed on purpose: the check holds whichever copy of the
 * indicators package created the component.
 */
export function expectOutputsAt(context: ResolvingContext, request: SourceRequest, component: IndicatorComponent, positions: Readonly<Record<number, string>>, expected: string): void {
  for (const [index, name] of Object.entries(positions)) {
    const actual = component.outputs[Number(index)];
    if (actual === undefined || !actual.startsWith(name)) {
      throw new SdkError(
        'GM_CONFIG_INVALID',
        `"${context.instanceId}" option ${request.option}: indicator "${request.id}" must be a ${expected} (output ${index} "${name}"), was one with outputs ${component.outputs.join(', ')}`,
      );
    }
  }
}

/** Index of each named output in a source's `values` (checked by `resolveIndicatorSource`). */
export function outputIndex(component: IndicatorComponent, output: string): number {
  const index = component.outputs.indexOf(output);
  if (index < 0) throw new SdkError('GM_CONFIG_INVALID', `indicator has no output "${output}"; its outputs: ${component.outputs.join(', ')}`);
  return index;
}
