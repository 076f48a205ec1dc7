import { SdkError } from '../errors/sdk-error.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/**
 * Replaces every `{{name}}` in a template file's text with its variable. A placeholder without a variable
 * is an error naming the file and line, so a template can never write a half-filled file.
 */
export function renderTemplate(text: string, variables: Readonly<Record<string, string>>, file: string): string {
  return text.replace(PLACEHOLDER, (match: string, name: string, offset: number) => {
    const value = variables[name];
    if (value !== undefined) return value;
    const line = text.slice(0, offset).split('\n').length;
    throw new SdkError('GM_INPUT_INVALID', `${file}:${line}: template placeholder ${match} has no value; known: ${Object.keys(variables).sort().join(', ')}`);
  });
}

/** The file name a template file is written as: `.tmpl` removed, a leading `_` turned into `.` (`_gitignore` → `.gitignore`). */
export function outputFileName(templateFile: string): string {
  const withoutSuffix = templateFile.endsWith('.tmpl') ? templateFile.slice(0, -'.tmpl'.length) : templateFile;
  return withoutSuffix.replace(/(^|\/)_(?=[^/]+$)/, '$1.');
}
