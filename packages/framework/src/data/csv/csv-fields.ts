const QUOTE = 34;

/**
 * Finds the first `maxFields` fields of the line `text[start, end)` and writes their bounds into `starts`
 * and `ends` (no allocation). A field wrapped in double quotes is returned without the quotes; a quoted
 * field may contain the delimiter. Returns how many fields were found (at most `maxFields`).
 */
export function splitFields(
  text: string,
  start: number,
  end: number,
  delimiter: string,
  starts: Int32Array,
  ends: Int32Array,
  maxFields: number,
): number {
  let count = 0;
  let position = start;
  while (count < maxFields) {
    let fieldStart = position;
    let fieldEnd: number;
    let next: number;
    if (position < end && text.charCodeAt(position) === QUOTE) {
      const closing = findClosingQuote(text, position + 1, end);
      fieldStart = position + 1;
      fieldEnd = closing;
      next = closing < end ? text.indexOf(delimiter, closing + 1) : -1;
    } else {
      next = text.indexOf(delimiter, position);
      fieldEnd = next === -1 || next >= end ? end : next;
    }
    starts[count] = fieldStart;
    ends[count] = fieldEnd;
    count++;
    if (next === -1 || next >= end) return count;
    position = next + 1;
  }
  return count;
}

/** Splits a header line into trimmed names, removing surrounding quotes. */
export function splitHeader(line: string, delimiter: string): string[] {
  const bounds = Math.max(1, line.length + 1);
  const starts = new Int32Array(bounds);
  const ends = new Int32Array(bounds);
  const count = splitFields(line, 0, line.length, delimiter, starts, ends, bounds);
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(line.slice(starts[i], ends[i]).replaceAll('""', '"').trim());
  return names;
}

// Returns the index of the quote that closes a field opened before `position` ("" is an escaped quote)
function findClosingQuote(text: string, position: number, end: number): number {
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote === -1 || quote >= end) return end;
    if (quote + 1 < end && text.charCodeAt(quote + 1) === QUOTE) {
      position = quote + 2;
      continue;
    }
    return quote;
  }
}
