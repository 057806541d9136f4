/** Choosing the environment: `--env`, a prompt when there are several, or (under `--yes`) the default one — never a protected one implicitly. */
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/translate.js';
import type { EnvironmentSpec, FrontMatter } from '../../model.js';
import type { Prompter } from '../prompter.js';

export interface ChosenEnvironment {
  name: string;
  spec: EnvironmentSpec;
}

export async function chooseEnvironment(
  fm: FrontMatter,
  options: { flag?: string; yes: boolean; dryRun: boolean; prompter?: Prompter; t: Translate },
): Promise<ChosenEnvironment | undefined> {
  const entries = Object.entries(fm.environments);
  if (options.flag !== undefined) {
    const spec = fm.environments[options.flag];
    if (!spec) {
      throw new UsageError(entries.length ? 'error.unknownEnv' : 'error.noEnvs', { env: options.flag, envs: entries.map(([n]) => n).join(', ') });
    }
    return { name: options.flag, spec };
  }
  if (entries.length === 0) return undefined;
  if (options.yes || !options.prompter) {
    const chosen = entries.find(([, e]) => e.default) ?? (options.dryRun ? entries[0] : entries.find(([, e]) => !e.protected));
    if (!chosen || (chosen[1].protected && !options.dryRun)) throw new UsageError('error.envRequired', { envs: entries.map(([n]) => n).join(', ') });
    return { name: chosen[0], spec: chosen[1] };
  }
  if (entries.length === 1) {
    const [name, spec] = entries[0] as [string, EnvironmentSpec];
    return { name, spec };
  }
  const fallback = entries.find(([, e]) => e.default)?.[0] ?? (entries.find(([, e]) => !e.protected) ?? entries[0])?.[0] ?? '';
  const name = await options.prompter.choose(
    options.t('prompt.environment'),
    entries.map(([n, e]) => ({ value: n, label: e.protected ? `${n}  ⚠ ${options.t('show.protected')}` : n })),
    fallback,
  );
  return { name, spec: fm.environments[name] as EnvironmentSpec };
}
