/** `runbook list`: every runbook on the search path, as a table, a Markdown index or JSON. */
import { relative, sep } from 'node:path';
import type { CatalogEntry } from '../../catalog/catalog.js';
import type { CliContext } from '../context.js';
import { formatValue, listValue, type ParsedArgs } from '../parse-args.js';
import { markdownTable, textTable } from '../present/table.js';
import { catalogFor } from '../runbook-source.js';
import { printDiagnostics } from '../present/diagnostics.js';
import { naturalCompare } from '../../order.js';

export interface ListRow {
  id: string;
  aliases: string[];
  title: string;
  severity: string | null;
  tags: string[];
  steps: number;
  estimated: string | null;
  path: string;
}

export function toRow(entry: CatalogEntry): ListRow {
  const { runbook, graph } = entry;
  return {
    id: runbook.id,
    aliases: runbook.frontMatter.aliases,
    title: runbook.title,
    severity: runbook.frontMatter.severity ?? null,
    tags: runbook.frontMatter.tags,
    steps: graph.flow.length,
    estimated: runbook.frontMatter.estimated ?? null,
    path: entry.display,
  };
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  // `--dir D` lists D's runbooks only; `show` and `play <ref>` still search the whole path.
  const catalog = await catalogFor(ctx, args, listValue(args, 'dir').length > 0);
  printDiagnostics(ctx, catalog.diagnostics, 'text', ctx.stderr);
  const tags = listValue(args, 'tag').map((t) => t.toLowerCase());
  const entries = catalog.entries
    .filter((e) => tags.every((tag) => e.runbook.frontMatter.tags.some((t) => t.toLowerCase() === tag)))
    .sort((a, b) => naturalCompare(a.runbook.id, b.runbook.id));
  const rows = entries.map(toRow);
  const format = formatValue(args, 'table');
  const { t } = ctx;
  if (format === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const header = [t('col.id'), t('col.aliases'), t('col.title'), t('col.severity'), t('col.steps'), t('col.estimated')];
  if (format === 'md') {
    const link = (e: CatalogEntry) => relative(e.dir.path, e.runbook.path).split(sep).join('/');
    ctx.out(
      markdownTable(
        [...header, t('col.tags')],
        entries.map((e, i) => {
          const r = rows[i] as ListRow;
          return [`[${r.id}](${link(e)})`, r.aliases.join(', '), r.title, r.severity ?? '', String(r.steps), r.estimated ?? '', r.tags.join(', ')];
        }),
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    const found = catalog.entries.length;
    ctx.err(found > 0 ? t('list.noneTagged', { count: found, tags: tags.join(', ') }) : t('list.empty'));
    return 0;
  }
  ctx.out(textTable(header, rows.map((r) => [r.id, r.aliases.join(', '), r.title, r.severity ?? '', String(r.steps), r.estimated ?? ''])));
  return 0;
}
