import type { BarInput } from '@grandmodel/framework';

/**
 * Writes a bar's money-flow volume, volume·((close − low) − (high − close))/(high − low) (0 when high equals low),
 * into `into[0]`; it writes instead of returning so no number crosses a call V8 might not inline.
 */
export function writeMoneyFlowVolume(bar: BarInput, into: Float64Array): void {
  const range = bar.high - bar.low;
  into[0] = range > 0 ? ((bar.close - bar.low - (bar.high - bar.close)) / range) * bar.volume : 0;
}
