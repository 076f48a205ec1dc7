/**
 * Rearranges `values[0..length)` in place so that `values[k]` holds the k-th smallest value (0-based),
 * everything before it is ≤ it and everything after it is ≥ it; returns `values[k]`.
 *
 * Quickselect with a median-of-three pivot and Hoare-style partitioning: O(n) expected. Deterministic
 * (no random pivots); if the partitions shrink too slowly (adversarial input) the remaining range is
 * sorted, which bounds the worst case at O(n log n). Callers validate `k` and `length`.
 */
export function selectKth(values: Float64Array, k: number, length: number = values.length): number {
  let left = 0;
  let right = length - 1;
  // Each good partition at least halves the range; allow twice the ideal number of rounds
  let budget = 2 * Math.ceil(Math.log2(length + 1)) + 8;
  while (right > left) {
    if (budget-- === 0) {
      values.subarray(left, right + 1).sort();
      return values[k];
    }
    const middle = left + ((right - left) >> 1);
    // Order values[left], values[middle], values[right] so the median sits at middle
    if (values[middle] < values[left]) swap(values, middle, left);
    if (values[right] < values[left]) swap(values, right, left);
    if (values[right] < values[middle]) swap(values, right, middle);
    const pivot = values[middle];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] ≤ pivot ≤ values[i..right], and values(j..i) all equal the pivot
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}

/** Returns the smallest of `values[from..length)` (used after `selectKth` to find the next order statistic). */
export function minimumFrom(values: Float64Array, from: number, length: number = values.length): number {
  let minimum = values[from];
  for (let index = from + 1; index < length; index++) {
    const value = values[index];
    if (value < minimum) minimum = value;
  }
  return minimum;
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a];
  values[a] = values[b];
  values[b] = held;
}
