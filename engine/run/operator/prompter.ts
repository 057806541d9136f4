/**
 * The questions the run loop asks, as an interface so the loop can be tested
 * with scripted answers. The terminal implementation is `prompter-inquirer.ts`.
 * Ctrl+C at a prompt rejects with `AbortedError`.
 */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface Prompter {
  choose<T extends string>(message: string, choices: Choice<T>[], defaultValue: T): Promise<T>;
  /** `default` is pre-filled, editable text (a command to edit); `hint` is shown as the answer Enter accepts, replaced by typing. */
  text(message: string, options?: { default?: string; hint?: string; validate?: (value: string) => string | true }): Promise<string>;
  secret(message: string, options?: { validate?: (value: string) => string | true }): Promise<string>;
  /** A yes/no question; Enter alone gives `defaultValue`. */
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

/** A prompter for tests: answers come from a list, in order; running out is an error naming the question. */
export function scriptedPrompter(answers: (string | boolean)[], log: string[] = []): Prompter {
  const next = (message: string) => {
    log.push(message);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`no scripted answer left for: ${message}`);
    return answer;
  };
  return {
    async choose(message, choices) {
      const answer = String(next(message));
      const choice = choices.find((c) => c.value === answer);
      if (!choice) throw new Error(`scripted answer "${answer}" is not a choice of: ${message}`);
      return choice.value;
    },
    async text(message, options) {
      const answer = String(next(message));
      const valid = options?.validate?.(answer) ?? true;
      if (valid !== true) throw new Error(`scripted answer "${answer}" rejected: ${valid}`);
      return answer;
    },
    async secret(message) {
      return String(next(message));
    },
    async confirm(message) {
      const answer = next(message);
      return answer === true || answer === 'yes' || answer === 'y';
    },
  };
}
