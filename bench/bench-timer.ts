// Shared measuring helpers for the benchmark scripts (never used by tests)

/** Runs `fn` `repeats` times after a warm-up and returns the best time in ns per operation. */
export function measure(operations: number, fn: () => void, repeats = 5): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    fn();
    const elapsed = Number(process.hrtime.bigint() - start);
    best = Math.min(best, elapsed / operations);
  }
  return best;
}

/** Same as `measure` for async work. */
export async function measureAsync(operations: number, fn: () => Promise<void>, repeats = 3): Promise<number> {
  await fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    await fn();
    const elapsed = Number(process.hrtime.bigint() - start);
    best = Math.min(best, elapsed / operations);
  }
  return best;
}

/** Heap bytes allocated (and surviving) while `fn` runs, after forced collections (needs --expose-gc). */
export function heapGrowth(fn: () => void): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  fn();
  gc?.();
  return process.memoryUsage().heapUsed - before;
}

/** Prints rows as an aligned table. */
export function printTable(rows: readonly (readonly (string | number)[])[]): void {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths = text[0]!.map((_, column) => Math.max(...text.map((row) => row[column]!.length)));
  for (const row of text) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
