/** `runbook graph <ref>`: the step graph as Mermaid (renders on Git hosts), DOT or JSON. */
import { toDot, toGraphJson, toMermaid } from '../../graph/render.js';
import type { CliContext } from '../context.js';
import { formatValue, type ParsedArgs } from '../parse-args.js';
import { printDiagnostics } from '../present/diagnostics.js';
import { runbookFor } from '../runbook-source.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const loaded = await runbookFor(ctx, args, 'graph');
  const { graph } = loaded;
  printDiagnostics(ctx, loaded.diagnostics.filter((d) => d.severity !== 'info'), 'text', ctx.stderr);
  const format = formatValue(args, 'mermaid');
  if (format === 'json') ctx.out(JSON.stringify(toGraphJson(graph), null, 2));
  else ctx.out(format === 'dot' ? toDot(graph) : toMermaid(graph));
  return 0;
}
