import { closeSync, openSync, writeSync } from 'node:fs';
import { SdkError } from '../../errors/sdk-error.js';

/** Bytes of text gathered before one write to disk. */
const FLUSH_THRESHOLD = 64 * 1024;

/**
 * Appends text to a file through a 64 KiB buffer with synchronous writes: memory stays bounded
 * however long the run, and the file content depends only on the order of `write` calls.
 */
export class TextFileWriter {
  private descriptor: number | undefined;
  private parts: string[] = [];
  private size = 0;

  /** Creates (or truncates) the file at `path`. */
  constructor(readonly path: string) {
    this.descriptor = openSync(path, 'w');
  }

  /** True until `close` has been called. */
  get isOpen(): boolean {
    return this.descriptor !== undefined;
  }

  /** Appends text. */
  write(text: string): void {
    if (this.descriptor === undefined) throw new SdkError('GM_INPUT_INVALID', `File "${this.path}": expected an open writer, was closed`);
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_THRESHOLD) this.flush();
  }

  /** Writes buffered text to disk. */
  flush(): void {
    if (this.descriptor === undefined || this.parts.length === 0) return;
    writeSync(this.descriptor, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Flushes and closes the file; later calls do nothing. */
  close(): void {
    if (this.descriptor === undefined) return;
    this.flush();
    closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}
