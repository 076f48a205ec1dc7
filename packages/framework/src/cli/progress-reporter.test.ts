import { describe, expect, it } from 'vitest';
import { ProgressReporter } from './progress-reporter.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, write: (text: string) => void writes.push(text), writes };
}

describe('ProgressReporter', () => {
  it('rewrites one line on a terminal at most every 100 ms', () => {
    let wall = 0;
    const out = stream(true);
    const progress = new ProgressReporter(out, 'run', () => wall);
    wall = 150;
    progress.update(1_000, Date.UTC(2024, 0, 2, 15, 30));
    wall = 200;
    progress.update(2_000, Date.UTC(2024, 0, 2, 15, 31));
    wall = 300;
    progress.update(3_000, Date.UTC(2024, 0, 2, 15, 32));
    expect(out.writes).toHaveLength(2);
    expect(out.writes[0]).toBe('\rrun: 1,000 bars, at 2024-01-02 15:30 UTC, 6,667 bars/s\u001b[K');
    wall = 1_000;
    progress.done(10_000);
    expect(out.writes[2]).toBe('\r\u001b[Krun: 10,000 bars in 1.0 s (10,000 bars/s)\n');
  });

  it('prints plain lines every 5 s when not attached to a terminal', () => {
    let wall = 0;
    const out = stream(false);
    const progress = new ProgressReporter(out, 'run', () => wall);
    for (wall = 1_000; wall <= 12_000; wall += 1_000) progress.update(wall, Date.UTC(2024, 0, 2));
    expect(out.writes).toEqual(['run: 5,000 bars, at 2024-01-02 00:00 UTC, 1,000 bars/s\n', 'run: 10,000 bars, at 2024-01-02 00:00 UTC, 1,000 bars/s\n']);
  });
});
