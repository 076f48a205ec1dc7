import { toStableJson } from '../format/stable-json.js';
import { TextFileWriter } from './text-file-writer.js';

/**
 * Streams `journal.jsonl`: one JSON object per event, `{"event":…,"payload":…,"seq":…}`, with
 * keys sorted, numbers rounded and times as ISO strings (see `toStableJson`), so identical runs
 * give byte-identical journals. `sink` plugs straight into `EventBus.addSink`.
 */
export class JournalWriter {
  private readonly file: TextFileWriter;
  private sequence = 0;

  constructor(path: string) {
    this.file = new TextFileWriter(path);
  }

  /** Events written so far. */
  get count(): number {
    return this.sequence;
  }

  /** Appends one event with the next sequence number (1-based). */
  write(event: string, payload: unknown): void {
    this.file.write(toStableJson({ seq: this.sequence + 1, event, payload }) + '\n');
    this.sequence++;
  }

  /** The writer as an event-bus sink. */
  readonly sink = (event: string, payload: unknown): void => {
    this.write(event, payload);
  };

  /** Flushes and closes the file. */
  close(): void {
    this.file.close();
  }
}
