import { envelopeJsonSchema } from '../config/resolve-config.js';
import { COMPONENT_SECTIONS } from '../config/envelope.js';
import type { PluginRegistry } from '../plugin/plugin-registry.js';
import { optionsJsonSchema } from './plugin-catalogue.js';

/**
 * Returns the JSON Schema of a whole config: the envelope, with every component section narrowed to
 * `{ use: <plugin id>, options: <that plugin's options> }` for each installed plugin of the section's kind.
 */
export function configJsonSchema(registry: PluginRegistry): Record<string, unknown> {
  const schema = envelopeJsonSchema();
  const properties = schema['properties'] as Record<string, Record<string, unknown>>;
  for (const [section, kind] of Object.entries(COMPONENT_SECTIONS)) {
    const variants = registry
      .list()
      .filter((plugin) => plugin.manifest.kind === kind)
      .map((plugin) => {
        const { $schema: _ignored, ...options } = optionsJsonSchema(plugin);
        return {
          type: 'object',
          description: plugin.manifest.description,
          properties: {
            use: { const: plugin.manifest.id },
            id: { type: 'string' },
            options,
            onFault: { enum: ['continue', 'disable', 'halt', 'stop'] },
          },
          required: ['use'],
          additionalProperties: false,
        };
      });
    if (variants.length === 0) continue;
    const entry = { anyOf: variants };
    const current = properties[section];
    properties[section] = current?.['type'] === 'array' ? { type: 'array', items: entry, description: current['description'] } : { ...entry, description: current?.['description'] };
  }
  schema['title'] = 'GrandModel SDK configuration';
  return schema;
}
