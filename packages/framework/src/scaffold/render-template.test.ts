import { describe, expect, it } from 'vitest';
import { SdkError } from '../errors/sdk-error.js';
import { outputFileName, renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('replaces every placeholder, with or without inner spaces, and leaves other braces alone', () => {
    const text = 'export { {{className}} } from "./x.js";\nconst id = "{{ pluginId }}"; const o = { a: { b: 1 } };';
    expect(renderTemplate(text, { className: 'VwMomentum', pluginId: 'vw-momentum' }, 'src/index.ts.tmpl')).toBe(
      'export { VwMomentum } from "./x.js";\nconst id = "vw-momentum"; const o = { a: { b: 1 } };',
    );
  });

  it('refuses a placeholder without a value, naming the file, line and known names', () => {
    const call = () => renderTemplate('line one\nname: {{name}}\nid: {{pluginID}}\n', { name: 'x', pluginId: 'y' }, 'agent/config.yaml.tmpl');
    expect(call).toThrow(SdkError);
    expect(call).toThrow('agent/config.yaml.tmpl:3: template placeholder {{pluginID}} has no value; known: name, pluginId');
  });
});

describe('outputFileName', () => {
  it('drops .tmpl and turns a leading underscore of the file name into a dot', () => {
    expect(outputFileName('src/agent.ts.tmpl')).toBe('src/agent.ts');
    expect(outputFileName('_gitignore.tmpl')).toBe('.gitignore');
    expect(outputFileName('sub/_npmrc')).toBe('sub/.npmrc');
    expect(outputFileName('README.md')).toBe('README.md');
    expect(outputFileName('my_dir/file_name.ts.tmpl')).toBe('my_dir/file_name.ts');
  });
});
