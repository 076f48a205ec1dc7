import { SdkError } from '../errors/sdk-error.js';
import type { IndicatorComponent, IndicatorRegistry } from '../kinds/indicator.js';
import type { Bar } from '../model/bar.js';

/**
 * Holds the run's indicator components and feeds each one the bars it is bound to, before agents see
 * the bar. Lookups are precomputed per timeframe so a bar costs one map read plus the updates.
 */
export class IndicatorHub implements IndicatorRegistry {
  private readonly byId = new Map<string, IndicatorComponent>();
  private readonly byTimeframe = new Map<string, IndicatorComponent[]>();

  /** Adds a component; `timeframe` undefined means the base timeframe of the data. */
  add(id: string, component: IndicatorComponent, baseTimeframe: string): void {
    if (this.byId.has(id)) throw new SdkError('GM_PLUGIN_DUPLICATE_ID', `Indicator id "${id}" is used twice`);
    this.byId.set(id, component);
    const timeframe = component.timeframe ?? baseTimeframe;
    const list = this.byTimeframe.get(timeframe) ?? [];
    list.push(component);
    this.byTimeframe.set(timeframe, list);
  }

  /** Updates every indicator bound to this bar's timeframe and symbol. */
  update(bar: Bar): void {
    const list = this.byTimeframe.get(bar.timeframe);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const component = list[i]!;
      if (component.symbol === undefined || component.symbol === bar.symbol) component.update(bar);
    }
  }

  /** Timeframes that have at least one indicator. */
  timeframes(): string[] {
    return [...this.byTimeframe.keys()];
  }

  get(id: string): IndicatorComponent {
    const component = this.byId.get(id);
    if (component === undefined) throw new SdkError('GM_DI_TOKEN_NOT_REGISTERED', `No indicator with id "${id}"; configured: ${[...this.byId.keys()].join(', ') || 'none'}`);
    return component;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): readonly string[] {
    return [...this.byId.keys()];
  }
}
