import { SdkError } from '@grandmodel/framework';

/**
 * Argument checks shared by the risk functions. Each throws an `SdkError` with code
 * `GM_INPUT_INVALID` whose message names the argument (and index) and the value received.
 * The happy path allocates nothing, so the checks can run on every bar.
 */

/** Returns a `GM_INPUT_INVALID` error with the given message. */
export function invalidInput(message: string, details?: Record<string, unknown>): SdkError {
  return new SdkError('GM_INPUT_INVALID', message, details === undefined ? {} : { details });
}

/** Renders a received value for an error message (`NaN`, `Infinity`, `"abc"`, `undefined`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** Throws unless `value` is a finite number; `name` is how the message refers to it (e.g. `returns[17]`). */
export function assertFiniteNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(`${name} must be a finite number, was ${describeValue(value)}`);
  }
}

/** Throws unless `values` is array-like with at least `minimumLength` entries, all finite numbers. */
export function assertFiniteSeries(values: ArrayLike<number>, name: string, minimumLength = 1): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw invalidInput(`${name} must be an array of numbers, was ${describeValue(values)}`);
  }
  const length = values.length;
  if (length < minimumLength) {
    const received = length === 0 ? 'was empty' : `received ${length}`;
    const wanted = minimumLength === 1 ? 'at least one value' : `at least ${minimumLength} values`;
    throw invalidInput(`${name} must contain ${wanted}, ${received}`);
  }
  for (let index = 0; index < length; index++) {
    const value = values[index];
    // Non-numbers fail `Number.isFinite` too; the branch only builds the message
    if (!Number.isFinite(value)) throw invalidInput(`${name}[${index}] must be a finite number, was ${describeValue(value)}`);
  }
}

/** Throws unless `values` has exactly `length` entries, all finite numbers. */
export function assertFiniteVector(values: ArrayLike<number>, name: string, length: number, what: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw invalidInput(`${name} must be an array of numbers, was ${describeValue(values)}`);
  }
  if (values.length !== length) {
    throw invalidInput(`${name} must have ${length} values (${what}), received ${values.length}`);
  }
  assertFiniteSeries(values, name, 0);
}

/** Throws unless `confidence` is a number strictly between 0 and 1. */
export function assertConfidence(confidence: number, name = 'confidence'): void {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw invalidInput(`${name} must be a number strictly between 0 and 1 (e.g. 0.95), was ${describeValue(confidence)}`);
  }
}

/** Throws unless `horizon` is a finite number greater than 0 (a count of return periods, not necessarily whole). */
export function assertHorizon(horizon: number, name = 'horizon'): void {
  if (typeof horizon !== 'number' || !Number.isFinite(horizon) || horizon <= 0) {
    throw invalidInput(`${name} must be a finite number of periods greater than 0, was ${describeValue(horizon)}`);
  }
}

/** Throws unless `value` is an integer in [minimum, maximum]. */
export function assertInteger(value: number, name: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `in [${minimum}, ${maximum}]`;
    throw invalidInput(`${name} must be an integer ${range}, was ${describeValue(value)}`);
  }
}
