/** `runbook new <slug>`: a new runbook from `templates/runbook.md.eta` that lints clean and teaches the format by example. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Eta } from 'eta';
import { UsageError } from '../../errors.js';
import { TEMPLATES_DIR } from '../../report/render.js';
import type { CliContext } from '../context.js';
import { listValue, stringValue, type ParsedArgs } from '../parse-args.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [slug, ...extra] = args.positionals;
  if (slug === undefined) throw new UsageError('error.newSlugMissing', { command: 'new' });
  if (extra.length > 0) throw new UsageError('error.extraArgs', { command: 'new', extra: extra.join(' ') });
  if (!SLUG.test(slug)) throw new UsageError('error.newSlug', { slug, command: 'new' });
  const id = stringValue(args, 'id') ?? slug.toUpperCase();
  if (!ID.test(id)) throw new UsageError('error.newId', { id, command: 'new' });
  const title = stringValue(args, 'title') ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const dir = resolve(ctx.cwd, listValue(args, 'dir')[0] ?? 'runbooks');
  const file = join(dir, `${slug}.md`);
  if (existsSync(file)) throw new UsageError('error.newExists', { file, command: 'new' });
  const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: false, autoTrim: false });
  const text = eta.render('./runbook.md.eta', { id, title: title.replace(/\n/g, ' '), slug });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  ctx.out(ctx.t('new.written', { file }));
  return 0;
}
