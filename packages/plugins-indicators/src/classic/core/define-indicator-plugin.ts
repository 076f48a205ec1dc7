import type { z } from 'zod';
import { definePlugin } from '@grandmodel/framework';
import type { PluginDefinition } from '@grandmodel/framework';
import type { BaseIndicator } from './base-indicator.js';
import { bindingOptionsShape } from './indicator-options.js';

/** Version stamped into the manifest of every classic indicator plugin. */
export const CLASSIC_INDICATORS_VERSION = '0.1.0';

/** Options schema of a classic indicator plugin: the indicator's own strict schema plus `timeframe` and `symbol`. */
export type IndicatorPluginOptions<Shape extends z.core.$ZodShape> = z.ZodObject<
  z.util.Extend<Shape, typeof bindingOptionsShape>,
  z.core.$strict
>;

/** What `defineIndicatorPlugin` needs: the id, a one-line description, the indicator's schema and constructor. */
export interface IndicatorPluginSpec<Shape extends z.core.$ZodShape, Component extends BaseIndicator> {
  readonly id: string;
  readonly description: string;
  readonly options: z.ZodObject<Shape, z.core.$strict>;
  readonly create: (options: z.output<z.ZodObject<Shape, z.core.$strict>>) => Component;
}

/**
 * Defines the plugin of a classic indicator: kind `indicator`, the indicator's options extended with the
 * binding options, and a factory returning the indicator bound to its timeframe and symbol.
 */
export function defineIndicatorPlugin<Shape extends z.core.$ZodShape, Component extends BaseIndicator>(
  spec: IndicatorPluginSpec<Shape, Component>,
): PluginDefinition<IndicatorPluginOptions<Shape>, Component> {
  const options = spec.options.extend(bindingOptionsShape) as IndicatorPluginOptions<Shape>;
  return definePlugin({
    manifest: { id: spec.id, kind: 'indicator', version: CLASSIC_INDICATORS_VERSION, apiVersion: 1, description: spec.description },
    options,
    create: (ctx) => {
      const { timeframe, symbol, ...own } = ctx.options as Record<string, unknown> & { timeframe?: string; symbol?: string };
      const indicator = spec.create(own as z.output<z.ZodObject<Shape, z.core.$strict>>);
      return indicator.bind({ timeframe, symbol });
    },
  });
}
