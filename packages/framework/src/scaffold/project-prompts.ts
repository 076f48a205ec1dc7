import { PROJECT_TEMPLATES, TEMPLATE_NAMES, type TemplateName } from './project-templates.js';
import { projectNameProblem } from './project-name.js';

/** The questions `grandmodel new` asks; `undefined` means the user canceled. Tests pass scripted answers. */
export interface ProjectPrompter {
  intro(title: string): void;
  outro(message: string): void;
  select(question: { message: string; choices: readonly { value: string; label: string; hint?: string }[]; initial: string }): Promise<string | undefined>;
  text(question: { message: string; initial: string; validate: (value: string) => string | undefined }): Promise<string | undefined>;
}

/** Answers already known from flags; the prompter asks for the rest. */
export interface ProjectAnswers {
  readonly template?: TemplateName;
  readonly name?: string;
  readonly sdk?: string;
}

/** The complete answers, or undefined when the user canceled a question. */
export async function askProjectQuestions(
  prompter: ProjectPrompter,
  known: ProjectAnswers,
  defaults: { readonly name: string; readonly sdk: string; readonly validateSdk: (value: string) => string | undefined },
): Promise<Required<ProjectAnswers> | undefined> {
  const template =
    known.template ??
    ((await prompter.select({
      message: 'Which template?',
      choices: TEMPLATE_NAMES.map((name) => ({ value: name, label: name, hint: PROJECT_TEMPLATES[name].description })),
      initial: 'minimal',
    })) as TemplateName | undefined);
  if (template === undefined) return undefined;
  const name = known.name ?? (await prompter.text({ message: 'Project name (npm package name)', initial: defaults.name, validate: projectNameProblem }));
  if (name === undefined) return undefined;
  const sdk =
    known.sdk ??
    (await prompter.text({ message: 'SDK location: a checkout path (file: links) or an npm version', initial: defaults.sdk, validate: defaults.validateSdk }));
  if (sdk === undefined) return undefined;
  return { template, name, sdk };
}

/** The interactive prompter, drawn with @clack/prompts on the terminal. */
export async function clackPrompter(): Promise<ProjectPrompter> {
  const clack = await import('@clack/prompts');
  const answer = (value: string | symbol): string | undefined => (clack.isCancel(value) || typeof value !== 'string' ? undefined : value);
  return {
    intro: (title) => clack.intro(title),
    outro: (message) => clack.outro(message),
    select: async (question) =>
      answer(await clack.select<string>({ message: question.message, options: question.choices.map((choice) => ({ ...choice })), initialValue: question.initial })),
    text: async (question) =>
      answer(await clack.text({ message: question.message, initialValue: question.initial, validate: (value) => question.validate(value ?? '') })),
  };
}
