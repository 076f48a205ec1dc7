// The reference page lists every classic indicator with its real options, defaults, outputs and warm-up
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Indicator } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classicIndicators } from '../../src/classic/index.js';
import { REPO_ROOT } from './reference-data.js';

const page = readFileSync(resolve(REPO_ROOT, 'docs/reference/indicators-classic.md'), 'utf8');

/** The text of the `### \`id\`` section, up to the next heading. */
function section(id: string): string {
  const start = page.indexOf(`### \`${id}\`\n`);
  if (start < 0) throw new Error(`docs/reference/indicators-classic.md has no section "### \`${id}\`"`);
  const next = page.slice(start + 4).search(/\n#{2,3} /);
  return next < 0 ? page.slice(start) : page.slice(start, start + 4 + next);
}

/** The summary table row of an id, split into cells. */
function summaryRow(id: string): string[] {
  const row = page.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
  if (row === undefined) throw new Error(`the summary table has no row for "${id}"`);
  return row.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '');
}

describe('docs/reference/indicators-classic.md', () => {
  it('has one section and one summary row per classic plugin, and no others', () => {
    const headings = [...page.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((match) => match[1]);
    expect(new Set(headings)).toEqual(new Set(classicIndicators.map((plugin) => plugin.manifest.id)));
    expect(headings.length).toBe(classicIndicators.length);
  });

  for (const plugin of classicIndicators) {
    const id = plugin.manifest.id;
    it(`documents ${id}: every option with its default, the outputs and the default warm-up`, async () => {
      const text = section(id).replace(/\s+/g, ' ');
      const schema = z.toJSONSchema(plugin.options, { io: 'input' }) as { properties: Record<string, { default?: unknown }> };
      for (const [name, property] of Object.entries(schema.properties)) {
        if (name === 'timeframe' || name === 'symbol') continue;
        const shown = typeof property.default === 'string' ? property.default : String(property.default);
        expect(text, `option ${name}`).toContain(`\`${name}\` (${shown}`);
      }
      const indicator = (await plugin.create({ options: plugin.options.parse({}) } as never)) as Indicator;
      for (const output of indicator.outputs) expect(text).toContain(`\`${output}\``);
      const [, className, outputs, warmUp] = summaryRow(id);
      expect(className).toBe(`\`${indicator.constructor.name}\``);
      expect(outputs).toBe(indicator.outputs.join(', '));
      expect(warmUp).toMatch(new RegExp(`(^|\\()${indicator.warmUp}\\)?$`));
    });
  }
});
