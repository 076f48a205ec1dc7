import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors/codes.js';

const docs = readFileSync(fileURLToPath(new URL('../../../docs/reference/errors.md', import.meta.url)), 'utf8');
const documented = [...docs.matchAll(/^### `(GM_[A-Z0-9_]+)`/gm)].map((match) => match[1]);

describe('docs/reference/errors.md', () => {
  it('documents every error code in the registry', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !documented.includes(code));
    expect(missing).toEqual([]);
  });

  it('documents no code that the registry does not have', () => {
    const stale = documented.filter((code) => !(code! in ERROR_CODES));
    expect(stale).toEqual([]);
  });

  it('lists each code once', () => {
    expect(new Set(documented).size).toBe(documented.length);
  });
});
