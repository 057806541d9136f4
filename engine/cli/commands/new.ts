/**
 * `runbook new <slug>`: a new runbook from `templates/<lang>/runbook.md.eta`
 * (the interface language) that lints clean with --strict and teaches the
 * format by example. It never overwrites a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Eta } from 'eta';
import { stringify } from 'yaml';
import { FailedError, UsageError, errorCode } from '../../errors.js';
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
  const title = (stringValue(args, 'title') ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())).trim();
  if (title === '' || /[\n\r]/.test(title)) throw new UsageError('error.newTitle', { command: 'new' });
  const dir = resolve(ctx.cwd, listValue(args, 'dir')[0] ?? 'runbooks');
  const file = join(dir, `${slug}.md`);
  const eta = new Eta({ views: join(TEMPLATES_DIR, ctx.lang), autoEscape: false, autoTrim: false });
  // The title goes into YAML front matter: quoted when it holds `:`, `#`, quotes…
  const text = eta.render('./runbook.md.eta', { id, slug, title, yamlTitle: stringify(title).trimEnd() });
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') throw new UsageError('error.newExists', { file, command: 'new' }, { cause: error });
    throw new FailedError('error.fileUnwritable', { file, reason: code ?? String(error) }, { cause: error });
  }
  ctx.out(ctx.t('new.written', { file }));
  return 0;
}
