/** The CLI: maps words to a command, loads it lazily, runs it, and turns typed errors into exit codes. */
import { RunbookError, UsageError } from '../errors.js';
import { detectLang, normalizeLang } from '../i18n/language.js';
import { createTranslator } from '../i18n/translate.js';
import { closestName } from '../parse/step-options.js';
import { versionLine } from '../version.js';
import { createContext, type CliContext, type Stream } from './context.js';
import { EXIT, exitCodeFor } from './exit-code.js';
import { commandHelp, mainHelp } from './help.js';
import { parseCommandArgs } from './parse-args.js';
import { COMMANDS, findCommand } from './spec.js';

export interface MainIo {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: CliContext['stdin'];
  stdout: Stream;
  stderr: Stream;
}

/** Peeks at `--lang`/`--no-color` before the command parses its flags, so even usage errors speak the right language. */
function earlyFlags(argv: string[]): { lang?: string; noColor: boolean } {
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') break;
    if (word === '--lang') lang = argv[i + 1];
    else if (word.startsWith('--lang=')) lang = word.slice(7);
  }
  return { ...(lang !== undefined && { lang }), noColor: argv.includes('--no-color') };
}

export async function main(io: MainIo): Promise<number> {
  const early = earlyFlags(io.argv);
  const lang = detectLang(early.lang, io.env);
  const t = createTranslator(lang);
  const ctx = createContext({ ...io, lang, langExplicit: normalizeLang(early.lang) !== undefined, t, noColor: early.noColor });
  try {
    if (early.lang !== undefined && normalizeLang(early.lang) === undefined) {
      throw new UsageError('error.badChoice', { flag: '--lang', value: early.lang, choices: 'es, en', command: 'runbook' });
    }
    const [name, ...rest] = io.argv.filter((w, i, all) => !(w === '--lang' || w.startsWith('--lang=') || all[i - 1] === '--lang'));
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const spec = topic ? findCommand(topic) : undefined;
      ctx.out(spec ? commandHelp(spec, t) : mainHelp(t));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      ctx.out(versionLine());
      return EXIT.ok;
    }
    const spec = findCommand(name);
    if (!spec) {
      const hint = closestName(name, COMMANDS.map((c) => c.name));
      throw new UsageError(hint ? 'error.unknownCommandHint' : 'error.unknownCommand', { name, hint: hint ?? '' });
    }
    const args = parseCommandArgs(spec, rest);
    if (args.values.help === true) {
      ctx.out(commandHelp(spec, t));
      return EXIT.ok;
    }
    const command = await spec.load();
    return await command.run(ctx, args);
  } catch (error) {
    return reportError(ctx, error);
  }
}

function reportError(ctx: CliContext, error: unknown): number {
  if (error instanceof RunbookError) {
    ctx.err(`${ctx.style.red(ctx.t('label.error'))}: ${ctx.t(error.key, error.vars)}`);
    if (error instanceof UsageError) ctx.err(ctx.t('hint.help', { command: error.vars.command ?? '' }).replace('  ', ' '));
  } else {
    ctx.err(`${ctx.style.red(ctx.t('label.internalError'))}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return exitCodeFor(error);
}
