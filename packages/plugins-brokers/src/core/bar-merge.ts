import type { Bar } from '@grandmodel/framework';

/** Fetches the next page of one symbol's bars (ascending); an empty page means the symbol is exhausted. */
export type PageFetcher = (symbol: string) => Promise<readonly Bar[]>;

/**
 * Merges paginated per-symbol histories into one time-ordered stream of batches: each symbol's next page is
 * fetched only when its buffer runs out, so memory stays at one page per symbol.
 */
export async function* mergePages(symbols: readonly string[], fetchPage: PageFetcher, batchSize: number, signal?: AbortSignal): AsyncGenerator<Bar[]> {
  const buffers = symbols.map(() => [] as Bar[]);
  const positions = symbols.map(() => 0);
  const exhausted = symbols.map(() => false);
  let batch: Bar[] = [];
  for (;;) {
    if (signal?.aborted) return;
    let best = -1;
    for (let index = 0; index < symbols.length; index++) {
      if (positions[index]! >= buffers[index]!.length && !exhausted[index]) {
        const page = await fetchPage(symbols[index]!);
        buffers[index] = [...page];
        positions[index] = 0;
        if (page.length === 0) exhausted[index] = true;
      }
      const head = buffers[index]![positions[index]!];
      if (head !== undefined && (best < 0 || head.start < buffers[best]![positions[best]!]!.start)) best = index;
    }
    if (best < 0) break;
    batch.push(buffers[best]![positions[best]!++]!);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
