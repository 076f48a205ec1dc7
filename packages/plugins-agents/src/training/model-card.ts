import { createHash } from 'node:crypto';
import type { ModelContract } from '../inference/model-contract.js';

/** SHA-256 of bytes, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The JSON card written next to each trained model. */
export interface ModelCard {
  readonly model: string;
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly system: string;
  readonly contract: ModelContract;
  readonly network: Readonly<Record<string, unknown>>;
  readonly training: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly environment: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly producer: Readonly<Record<string, unknown>>;
}

/** Serialises a card with sorted keys and a trailing newline (same card → same bytes). */
export function formatModelCard(card: ModelCard): string {
  return `${JSON.stringify(sortKeys(card), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Float32Array || value instanceof Float64Array) return Array.from(value);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
