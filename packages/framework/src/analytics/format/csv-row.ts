const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Returns one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote, line break or edge space. */
export function toCsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

/** Returns one CSV line, newline included, from fields that are already formatted text. */
export function toCsvRow(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += toCsvField(fields[i]!);
  }
  return line + '\n';
}
