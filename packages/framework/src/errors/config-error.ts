import { SdkError } from './sdk-error.js';

/** One configuration problem: where it is and what was expected. */
export interface ConfigIssue {
  /** Path in the config, e.g. `indicators[1].options.period`. */
  readonly path: string;
  readonly message: string;
  /** zod issue code or an SDK-specific one such as `unknown_plugin`. */
  readonly code: string;
  /** 1-based line in the source file, when the config came from YAML or JSON text. */
  readonly line?: number;
  readonly file?: string;
}

/** Every problem found in a configuration, reported together. */
export class ConfigError extends SdkError {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], source?: string) {
    super('GM_CONFIG_INVALID', ConfigError.format(issues, source), { details: { source } });
    this.issues = Object.freeze([...issues]);
  }

  /** Renders issues one per line as `file:line path: message`. */
  static format(issues: readonly ConfigIssue[], source?: string): string {
    const head = `Invalid configuration${source ? ` in ${source}` : ''}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    const lines = issues.map((issue) => {
      const where = [issue.file ?? source, issue.line].filter((part) => part !== undefined).join(':');
      return `  - ${where ? `${where} ` : ''}${issue.path || '(root)'}: ${issue.message}`;
    });
    return [head, ...lines].join('\n');
  }
}
