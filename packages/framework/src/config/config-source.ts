import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { SdkError } from '../errors/sdk-error.js';
import { ConfigError } from '../errors/config-error.js';

/** A config as read from a file or given as an object, able to say which line a path is on. */
export interface ConfigSource {
  readonly raw: unknown;
  readonly file?: string;
  readonly baseDir: string;
  /** 1-based line of the value at `path`, or of its nearest existing parent; undefined for non-text sources. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Wraps a config object (e.g. from `defineConfig`) as a source. */
export function objectConfigSource(raw: unknown, baseDir: string, file?: string): ConfigSource {
  return { raw, baseDir, file, lineOf: () => undefined };
}

/** Parses YAML or JSON text (JSON is read by the YAML parser too, so both get line numbers). */
export function textConfigSource(text: string, file: string | undefined, baseDir: string): ConfigSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => ({
        path: '',
        code: 'syntax',
        message: error.message.split('\n')[0] ?? error.message,
        line: lineCounter.linePos(error.pos[0]).line,
        file,
      })),
      file,
    );
  }
  return { raw: document.toJS(), file, baseDir, lineOf: (path) => lineOfPath(document, lineCounter, path) };
}

function lineOfPath(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Reads a config file: `.yaml`/`.yml`, `.json`, or `.ts`/`.mts`/`.js`/`.mjs` with a default export (`defineConfig`). */
export async function loadConfigSource(path: string): Promise<ConfigSource> {
  const file = resolve(path);
  const baseDir = dirname(file);
  const extension = extname(file).toLowerCase();
  if (['.ts', '.mts', '.js', '.mjs', '.cts', '.cjs'].includes(extension)) {
    const module = (await importModule(file)) as { default?: unknown };
    if (module.default === undefined) {
      throw new SdkError('GM_CONFIG_INVALID', `${file}: expected a default export with the config (export default defineConfig({...})), found none`);
    }
    return objectConfigSource(module.default, baseDir, file);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SdkError('GM_CONFIG_NOT_FOUND', `Cannot read config file ${file}: ${(cause as Error).message}`, { cause });
  }
  return textConfigSource(text, file, baseDir);
}

/** Imports a module from a path or package name; TypeScript files load through tsx without a build step. */
export async function importModule(specifier: string, parentDir?: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  const parentUrl = pathToFileURL(resolve(parentDir ?? process.cwd(), 'noop.js')).href;
  const target = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(parentDir ?? process.cwd(), specifier)).href : specifier;
  return tsImport(target, parentUrl);
}
