/** `runbook __complete runbooks|runs|steps <ref>`: the words completion scripts offer, one per line. Never fails loudly. */
import { listRunIds, stateDir } from '../../journal/layout.js';
import type { CliContext } from '../context.js';
import { stringValue, type ParsedArgs } from '../parse-args.js';
import { runbookFor, summaryFor } from '../runbook-source.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [kind, ref] = args.positionals;
  try {
    if (kind === 'runbooks') {
      const { heads } = await summaryFor(ctx, args);
      ctx.out(heads.flatMap((h) => [h.id, ...h.aliases]).join('\n'));
    } else if (kind === 'runs') {
      ctx.out(listRunIds(stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd)).reverse().join('\n'));
    } else if (kind === 'steps' && ref) {
      const loaded = await runbookFor(ctx, { ...args, positionals: [ref] }, 'play');
      ctx.out(loaded.graph.flow.join('\n'));
    }
  } catch {
    // completion must never print errors into the user's prompt
  }
  return 0;
}
