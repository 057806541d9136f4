/**
 * Placeholders become params: `<namespace>` in a command, `NAME='<…>'`, and
 * `$VAR`/`${VAR}` that nothing defines are asked like required params. What
 * "defined" means is in docs/format.md ("Placeholders"): a declared param,
 * an environment var, a var in `requires.env`, a capture or an assignment
 * earlier in the document or earlier in the same step, positional and
 * special params, and the well-known shell variables below. (A variable of
 * the process environment counts too: that is checked when the run starts.)
 */
import type { FrontMatter, InferredParam, Placeholder } from '../model.js';
import { afterKeywords } from './command-words.js';
import { scanShell, type ShellScan, type ShellWord } from './shell-words.js';

/** Variables every shell or login session has: never asked for. */
export const WELL_KNOWN = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'HOSTNAME', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'RANDOM', 'SECONDS',
  'LINENO', 'UID', 'EUID', 'GROUPS', 'PPID', 'BASHPID', 'BASH', 'BASH_VERSION', 'BASH_SOURCE', 'BASH_REMATCH', 'FUNCNAME', 'PIPESTATUS',
  'IFS', 'PS1', 'PS2', 'PS4', 'TERM', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'EDITOR', 'VISUAL', 'PAGER', 'SHLVL', 'REPLY',
  'OPTARG', 'OPTIND', 'COLUMNS', 'LINES', 'EPOCHSECONDS', 'EPOCHREALTIME', 'DISPLAY', 'SSH_AUTH_SOCK', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'KUBECONFIG', 'HISTFILE', 'MAIL',
]);

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
const DECLARERS = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);

/** A readable param name for a placeholder's words: `value of instance label` → `VALUE_OF_INSTANCE_LABEL`. */
export function placeholderName(inner: string): string {
  const name = inner.toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `_${name}` : name || 'VALUE';
}

export interface StepInput {
  id: string;
  command: string;
  capture?: string;
  description?: string;
}

export interface InferredResult {
  params: (InferredParam & { kind: 'placeholder' | 'variable' })[];
  /** Placeholders to replace in the text handed to the shell, per step id. */
  placeholders: Map<string, Placeholder[]>;
}

export function inferParams(steps: StepInput[], fm: FrontMatter): InferredResult {
  const defined = new Set<string>([
    ...Object.keys(fm.params),
    ...Object.values(fm.environments).flatMap((e) => Object.keys(e.vars)),
    ...fm.requires.env,
  ]);
  const found = new Map<string, InferredResult['params'][number]>();
  /** The steps already listed for each param (a param all 20,000 steps use is not a scan per step). */
  const listed = new Map<string, Set<string>>();
  const placeholders = new Map<string, Placeholder[]>();
  const need = (name: string, kind: 'placeholder' | 'variable', step: StepInput, at: number) => {
    const existing = found.get(name);
    const steps = listed.get(name);
    if (existing && steps) {
      if (!steps.has(step.id)) {
        steps.add(step.id);
        existing.steps.push(step.id);
      }
      return;
    }
    found.set(name, { name, kind, description: describe(step, at), steps: [step.id] });
    listed.set(name, new Set([step.id]));
  };
  for (const step of steps) {
    const scan = scanShell(step.command);
    const definitions = assignments(scan);
    const own: Placeholder[] = [];
    for (const p of scan.placeholders.filter((p) => !p.quoted)) {
      const name = placeholderName(p.inner);
      own.push({ name, start: p.start, end: p.end });
      if (!defined.has(name)) need(name, 'placeholder', step, p.start);
    }
    for (const { word, name } of definitions) {
      const value = word.text.slice(word.text.indexOf('=') + 1);
      const p = scan.placeholders.find((q) => q.quoted && q.start >= word.start && q.end <= word.end);
      if (!p || value !== `<${p.inner}>`) continue;
      own.push({ name, start: word.start + step.command.slice(word.start, word.end).indexOf('=') + 1, end: word.end });
      if (!defined.has(name)) need(name, 'placeholder', step, p.start);
    }
    for (const ref of scan.vars) {
      if (ref.guarded || defined.has(ref.name) || WELL_KNOWN.has(ref.name) || found.has(ref.name)) {
        if (found.has(ref.name)) need(ref.name, 'variable', step, ref.start);
        continue;
      }
      if (definitions.some((d) => d.name === ref.name && d.word.start < ref.start)) continue;
      need(ref.name, 'variable', step, ref.start);
    }
    for (const d of definitions) defined.add(d.name);
    if (step.capture !== undefined) defined.add(step.capture);
    if (own.length > 0) placeholders.set(step.id, own.sort((a, b) => a.start - b.start));
  }
  return { params: [...found.values()], placeholders };
}

/** The names a step assigns, with the word that assigns each (`X=…`, `export X`, `read X`, `for X in`…). */
function assignments(scan: ShellScan): { word: ShellWord; name: string }[] {
  const out: { word: ShellWord; name: string }[] = [];
  for (const words of scan.commands) {
    let i = afterKeywords(words.map((w) => w.text));
    for (; i < words.length; i++) {
      const m = ASSIGNMENT.exec((words[i] as ShellWord).text);
      if (!m) break;
      out.push({ word: words[i] as ShellWord, name: m[1] as string });
    }
    const head = words[i]?.text ?? '';
    const rest = words.slice(i + 1);
    const names = (list: ShellWord[]) => {
      for (const w of list) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(w.text);
        if (m && !w.text.startsWith('-')) out.push({ word: w, name: m[1] as string });
      }
    };
    if (DECLARERS.has(head)) names(rest);
    else if (head === 'read' || head === 'mapfile' || head === 'readarray') names(rest.filter((w, k) => !w.text.startsWith('-') && !['-d', '-p', '-t', '-u', '-n', '-N'].includes(rest[k - 1]?.text ?? '')));
    else if ((head === 'for' || head === 'select') && rest[0]) names([rest[0]]);
    else if (head === 'getopts' && rest[1]) names([rest[1]]);
    else if (head === 'printf' && rest[0]?.text === '-v' && rest[1]) names([rest[1]]);
  }
  return out;
}

/** The step's own description, else the line of the command the value appears on. */
function describe(step: StepInput, at: number): string {
  if (step.description !== undefined) return step.description.split('\n')[0]?.trim() ?? '';
  const start = step.command.lastIndexOf('\n', at - 1) + 1;
  const end = step.command.indexOf('\n', at);
  return step.command.slice(start, end === -1 ? undefined : end).trim();
}

/** The text handed to the shell: each placeholder replaced by a reference to its variable (`<ns>` → `"$NS"`). */
export function shellCommand(command: string, placeholders: readonly Placeholder[] | undefined): string {
  if (!placeholders || placeholders.length === 0) return command;
  let text = command;
  for (const p of [...placeholders].sort((a, b) => b.start - a.start)) text = `${text.slice(0, p.start)}"\${${p.name}}"${text.slice(p.end)}`;
  return text;
}
