import { closeSync, openSync, writeSync } from 'node:fs';
import type { Logger } from 'pino';
import { SdkError } from '../../errors/sdk-error.js';

/** What a reader does with a bad row. */
export type BadRowPolicy = 'error' | 'skip' | 'quarantine';

// Rejected rows are buffered and written in blocks of about this size
const FLUSH_SIZE = 64 * 1024;

/**
 * Applies the bad-row policy: throws GM_DATA_BAD_ROW (`error`), logs a warning (`skip`), or appends the raw
 * line and the reason to a quarantine CSV (`quarantine`). Counts every rejected row.
 */
export class RowRejections {
  /** Rows rejected so far. */
  count = 0;
  private descriptor = -1;
  private pending = '';

  constructor(
    private readonly policy: BadRowPolicy,
    private readonly file: string,
    private readonly logger: Logger | undefined,
    private readonly quarantinePath: string | undefined,
    private readonly delimiter: string,
  ) {}

  /** Creates (or truncates) the quarantine file with the source header plus a `reason` column. */
  open(headerLine: string): void {
    if (this.policy !== 'quarantine' || this.quarantinePath === undefined) return;
    try {
      this.descriptor = openSync(this.quarantinePath, 'w');
    } catch (error) {
      throw new SdkError('GM_DATA_FILE', `${this.file}: cannot create the quarantine file ${this.quarantinePath}: ${(error as Error).message}`, { cause: error });
    }
    this.pending = `${headerLine}${this.delimiter}reason\n`;
  }

  /**
   * Rejects one row. `field` is the logical column (e.g. `high`), `column` its header when that differs
   * (e.g. `Llow`), `expectation` says what was expected and what the row held,
   * e.g. `expected a number >= low (9780.25), was 9700`.
   */
  reject(line: number, rawLine: string, field: string | undefined, column: string | undefined, expectation: string): void {
    const message = `${this.file}:${line}${describeField(field, column)}: ${expectation}`;
    this.count++;
    switch (this.policy) {
      case 'error':
        throw new SdkError('GM_DATA_BAD_ROW', message, { details: { file: this.file, line, field, row: rawLine } });
      case 'skip':
        this.logger?.warn({ file: this.file, line, field }, `skipped bad row: ${message}`);
        return;
      case 'quarantine':
        this.pending += `${rawLine}${this.delimiter}"${message.replaceAll('"', '""')}"\n`;
        if (this.pending.length >= FLUSH_SIZE) this.flush();
        return;
    }
  }

  /** Writes buffered rows and closes the quarantine file. */
  close(): void {
    if (this.descriptor < 0) return;
    this.flush();
    closeSync(this.descriptor);
    this.descriptor = -1;
  }

  private flush(): void {
    if (this.descriptor < 0 || this.pending.length === 0) return;
    writeSync(this.descriptor, this.pending);
    this.pending = '';
  }
}

/** Returns ` field "low"`, or ` field "low" (column "Llow")` when the header name differs; empty without a field. */
export function describeField(field: string | undefined, column: string | undefined): string {
  if (field === undefined) return '';
  return column === undefined || column.toLowerCase() === field ? ` field "${field}"` : ` field "${field}" (column "${column}")`;
}
