/** Pre-flight `requires`: enforced in a real run (all missing ones at once), only reported in a dry run. */
import { FailedError } from '../../errors.js';
import type { RunSession } from '../session.js';
import { isEmpty, missingRequirements } from './requires.js';

export function checkRequirements(session: RunSession): void {
  const requires = session.graph.runbook.frontMatter.requires;
  if (requires.commands.length + requires.env.length + requires.files.length === 0) return;
  const env = { ...session.baseEnv, ...(session.environment?.spec.vars ?? {}), ...session.params };
  const missing = missingRequirements(requires, env, session.cwd);
  const parts = [
    ...missing.commands.map((c) => session.t('run.missingCommand', { name: c })),
    ...missing.env.map((e) => session.t('run.missingEnv', { name: e })),
    ...missing.files.map((f) => session.t('run.missingFile', { name: f })),
  ];
  const ok = isEmpty(missing);
  session.journal.append({ type: 'preflight', check: 'requires', name: 'requires', status: ok ? 'passed' : session.mode === 'dry-run' ? 'warned' : 'failed', ...(!ok && { detail: parts.join('; ') }) });
  if (ok) return;
  if (session.mode === 'dry-run') {
    session.ui.warn(session.t('run.requiresDry', { missing: parts.join(', ') }));
    return;
  }
  throw new FailedError('run.requiresMissing', { missing: parts.join(', ') });
}
