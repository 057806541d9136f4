/** What `requires` found missing, as one line in the translator's language (shared by the run's screen and the report). */
import type { Translate } from './translate.js';

export function missingText(t: Translate, missing: { commands: readonly string[]; env: readonly string[]; files: readonly string[] }): string {
  return [
    ...missing.commands.map((c) => t('run.missingCommand', { name: c })),
    ...missing.env.map((e) => t('run.missingEnv', { name: e })),
    ...missing.files.map((f) => t('run.missingFile', { name: f })),
  ].join(', ');
}
