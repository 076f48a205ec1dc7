/**
 * Generalised advantage estimation (spec §6.6): δ_t = r_t + γ·V(s_{t+1})·(1 − d_t) − V(s_t),
 * Â_t = δ_t + γλ·(1 − d_t)·Â_{t+1}. `bootstrap` is V of the state after the last step (used when the last
 * step is not terminal, e.g. an episode cut at the end of its window). Writes advantages and returns
 * (Â + V) into the given arrays; reads the first `count` steps.
 */
export function generalizedAdvantage(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  dones: ArrayLike<number>,
  count: number,
  bootstrap: number,
  gamma: number,
  lambda: number,
  advantages: Float64Array,
  returns: Float64Array,
): void {
  let next = 0;
  for (let t = count - 1; t >= 0; t--) {
    const notDone = 1 - dones[t]!;
    const nextValue = t === count - 1 ? bootstrap : values[t + 1]!;
    const delta = rewards[t]! + gamma * nextValue * notDone - values[t]!;
    next = delta + gamma * lambda * notDone * next;
    advantages[t] = next;
    returns[t] = next + values[t]!;
  }
}

/** Scales `values[0..count)` to mean 0 and standard deviation 1 in place (no-op for a constant slice). */
export function normalizeInPlace(values: Float64Array, count: number): void {
  if (count < 2) return;
  let mean = 0;
  for (let i = 0; i < count; i++) mean += values[i]!;
  mean /= count;
  let variance = 0;
  for (let i = 0; i < count; i++) variance += (values[i]! - mean) ** 2;
  const std = Math.sqrt(variance / count);
  for (let i = 0; i < count; i++) values[i] = std > 1e-8 ? (values[i]! - mean) / std : values[i]! - mean;
}
