/**
 * Returns the k-th smallest (0-based) of `values[0..length)`, reordering that prefix in place.
 * Iterative quickselect with a median-of-three pivot: O(length) on average, no allocation, deterministic.
 */
export function selectKthSmallest(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Median of three moved to `middle`, giving sentinels at both ends
    if ((values[middle] as number) < (values[left] as number)) swap(values, middle, left);
    if ((values[right] as number) < (values[left] as number)) swap(values, right, left);
    if ((values[right] as number) < (values[middle] as number)) swap(values, right, middle);
    const pivot = values[middle] as number;
    let low = left;
    let high = right;
    while (low <= high) {
      while ((values[low] as number) < pivot) low += 1;
      while ((values[high] as number) > pivot) high -= 1;
      if (low <= high) {
        swap(values, low, high);
        low += 1;
        high -= 1;
      }
    }
    if (k <= high) right = high;
    else if (k >= low) left = low;
    else return values[k] as number;
  }
  return values[k] as number;
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a] as number;
  values[a] = values[b] as number;
  values[b] = held;
}

/**
 * Returns the k-th smallest (0-based) of `values[0..length)`, all in `[0, upper]`, reordering the prefix.
 * Counts the values into `counts.length` equal-width buckets (branch-free), then runs quickselect only on the
 * bucket holding the k-th value; exact, and much cheaper than a full quickselect when values spread out.
 * With a non-finite or non-positive `upper`, the maximum of the values is used.
 */
export function selectKthSmallestBucketed(values: Float64Array, length: number, k: number, upper: number, counts: Int32Array): number {
  let range = upper;
  if (!(range > 0 && range < Number.POSITIVE_INFINITY)) {
    range = 0;
    for (let index = 0; index < length; index += 1) range = Math.max(range, values[index] as number);
    if (range === 0) return 0;
  }
  const buckets = counts.length;
  const last = buckets - 1;
  const scale = buckets / range;
  counts.fill(0);
  for (let index = 0; index < length; index += 1) {
    const bucket = Math.min(((values[index] as number) * scale) | 0, last);
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  let below = 0;
  let target = 0;
  while (target < last && below + (counts[target] as number) <= k) {
    below += counts[target] as number;
    target += 1;
  }
  let kept = 0;
  for (let index = 0; index < length; index += 1) {
    const value = values[index] as number;
    if (Math.min((value * scale) | 0, last) === target) {
      values[kept] = value;
      kept += 1;
    }
  }
  return selectKthSmallest(values, kept, k - below);
}
