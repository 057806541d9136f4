/**
 * Choosing the environment: `--env`, a prompt when there are several, or (under `--yes`) the default
 * one — never a protected one implicitly, and never one of `namedOnly` (the CLI's `lab`: a runbook
 * whose only environment is `lab` runs on a real server without one, as if it had none).
 */
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/translate.js';
import type { FrontMatter } from '../../model.js';
import type { ChosenEnvironment } from '../context.js';
import type { Prompter } from '../operator/prompter.js';

export type { ChosenEnvironment };

export async function chooseEnvironment(
  fm: FrontMatter,
  options: { flag?: string; yes: boolean; dryRun: boolean; prompter?: Prompter; t: Translate; namedOnly?: readonly string[] },
): Promise<ChosenEnvironment | undefined> {
  const entries = Object.entries(fm.environments);
  if (options.flag !== undefined) {
    const spec = Object.hasOwn(fm.environments, options.flag) ? fm.environments[options.flag] : undefined;
    if (!spec) {
      throw new UsageError(entries.length ? 'error.unknownEnv' : 'error.noEnvs', { env: options.flag, envs: entries.map(([n]) => n).join(', ') });
    }
    return { name: options.flag, spec };
  }
  const implicit = entries.filter(([name]) => !options.namedOnly?.includes(name));
  if (implicit.length === 0) return undefined;
  if (options.yes || !options.prompter) {
    const chosen = implicit.find(([, e]) => e.default) ?? (options.dryRun ? implicit[0] : implicit.find(([, e]) => !e.protected));
    if (!chosen || (chosen[1].protected && !options.dryRun)) throw new UsageError('error.envRequired', { envs: entries.map(([n]) => n).join(', ') });
    return { name: chosen[0], spec: chosen[1] };
  }
  const [only, ...others] = entries;
  if (only && others.length === 0) return { name: only[0], spec: only[1] };
  const fallback = implicit.find(([, e]) => e.default)?.[0] ?? (implicit.find(([, e]) => !e.protected) ?? implicit[0])?.[0] ?? '';
  const name = await options.prompter.choose(
    options.t('prompt.environment'),
    entries.map(([n, e]) => ({ value: n, label: e.protected ? `${n}  ⚠ ${options.t('show.protected')}` : n })),
    fallback,
  );
  const spec = fm.environments[name];
  if (!spec) throw new UsageError('error.unknownEnv', { env: name, envs: entries.map(([n]) => n).join(', ') });
  return { name, spec };
}
