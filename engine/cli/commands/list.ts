/** `runbook list`: every runbook on the search path, as a table, a Markdown index or JSON. */
import { relative, sep } from 'node:path';
import type { RunbookHead } from '../../catalog/summary.js';
import type { CliContext } from '../context.js';
import { formatValue, listValue, type ParsedArgs } from '../parse-args.js';
import { markdownTable, textTable } from '../present/table.js';
import { summaryFor } from '../runbook-source.js';
import { printDiagnostics } from '../present/diagnostics.js';
import { naturalCompare } from '../../order.js';
import { severityWord } from '../present/severity.js';

/** A row of `list --json`: the runbook in brief, its path as shown to the user. */
export type ListRow = Omit<RunbookHead, 'path' | 'dirPath' | 'display'> & { path: string };

export function toRow(head: RunbookHead): ListRow {
  const { id, aliases, title, severity, tags, steps, estimated, display } = head;
  return { id, aliases, title, severity, tags, steps, estimated, path: display };
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  // `--dir D` lists D's runbooks only; `show` and `play <ref>` still search the whole path.
  const catalog = await summaryFor(ctx, args, listValue(args, 'dir').length > 0);
  printDiagnostics(ctx, catalog.diagnostics, 'text', ctx.stderr);
  const tags = listValue(args, 'tag').map((t) => t.toLowerCase());
  const entries = catalog.heads.filter((h) => tags.every((tag) => h.tags.some((t) => t.toLowerCase() === tag))).sort((a, b) => naturalCompare(a.id, b.id));
  const rows = entries.map(toRow);
  const format = formatValue(args, 'table');
  const { t } = ctx;
  if (format === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const header = [t('col.id'), t('col.aliases'), t('col.title'), t('col.severity'), t('col.steps'), t('col.estimated')];
  if (format === 'md') {
    const link = (h: RunbookHead) => relative(h.dirPath, h.path).split(sep).join('/');
    ctx.out(
      markdownTable(
        [...header, t('col.tags')],
        entries.map((e, i) => {
          const r = rows[i] as ListRow;
          return [`[${r.id}](${link(e)})`, r.aliases.join(', '), r.title, severityWord(t, r.severity), String(r.steps), r.estimated ?? '', r.tags.join(', ')];
        }),
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    const found = catalog.heads.length;
    ctx.err(found > 0 ? t('list.noneTagged', { count: found, tags: tags.join(', ') }) : t('list.empty'));
    return 0;
  }
  ctx.out(textTable(header, rows.map((r) => [r.id, r.aliases.join(', '), r.title, severityWord(t, r.severity), String(r.steps), r.estimated ?? ''])));
  return 0;
}
