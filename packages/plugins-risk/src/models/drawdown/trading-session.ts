const DAY_MS = 86_400_000;

/** Returns the offset of a "HH:MM" UTC time from midnight, in milliseconds. */
export function sessionOffsetMs(start: string): number {
  const [hours, minutes] = start.split(':').map(Number) as [number, number];
  return (hours * 60 + minutes) * 60_000;
}

/** Returns the number of the session containing `time` (sessions start every day at `offsetMs` after UTC midnight). */
export function sessionIndex(time: number, offsetMs: number): number {
  return Math.floor((time - offsetMs) / DAY_MS);
}
