/** Pre-flight `requires`: enforced in a real run (all missing ones at once), only reported in a dry run. */
import { missingText } from '../../i18n/missing-text.js';
import { FailedError } from '../../errors.js';
import type { RunContext } from '../context.js';
import { isEmpty, missingRequirements } from './requires.js';


export function checkRequirements(ctx: RunContext): void {
  const requires = ctx.graph.runbook.frontMatter.requires;
  if (requires.commands.length + requires.env.length + requires.files.length === 0) return;
  const missing = missingRequirements(requires, ctx.variables.env(), ctx.cwd);
  const ok = isEmpty(missing);
  const dry = ctx.mode === 'dry-run';
  ctx.journal.append({ type: 'preflight', check: 'requires', name: 'requires', status: ok ? 'passed' : dry ? 'warned' : 'failed', ...(!ok && { missing }) });
  if (ok) return;
  if (dry) {
    ctx.ui.warn(ctx.t('run.requiresDry', { missing: missingText(ctx.t, missing) }));
    return;
  }
  throw new FailedError('run.requiresMissing', { missing: missingText(ctx.t, missing) });
}
