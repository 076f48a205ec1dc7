/** A queue between push-style producers (websocket callbacks) and one async consumer. */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiting: ((value: void) => void) | undefined;
  private failure: unknown;
  private closed = false;

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  /** Ends the queue with an error the consumer will throw. */
  fail(error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Waits for items and returns all that are queued; an empty array means the queue is closed. */
  async take(): Promise<T[]> {
    while (this.items.length === 0 && this.failure === undefined && !this.closed) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure !== undefined) throw this.failure;
    return this.items.splice(0, this.items.length);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
