/**
 * Every command with its flags, in one table that drives argument parsing,
 * `--help` and shell completion. On Node 20 each ES module the loader
 * resolves, reads and links costs ≈0.4 ms, far more than pre-parsing code
 * that does not run, so the commands come in three groups (docs/benchmarks.md,
 * "Fewer chunks"): `list`, `show`, `graph` and `completion` are imported
 * with this table; the commands about runs (`run-commands.ts`) load
 * together, with the built-in modules only they need (`node:crypto`,
 * `node:child_process`); `lint`, `complete`, `new` and `lab`, which need
 * those or packages of their own, load alone. Packages (the parser, prompts, the reports' template engine) are
 * loaded lazily by the modules that use them.
 */
import type { MessageKey } from '../i18n/en.js';
import type { CommandModule } from './command.js';
import * as listCommand from './commands/list.js';
import * as showCommand from './commands/show.js';
import * as graphCommand from './commands/graph.js';
import * as completionCommand from './commands/completion.js';

/** Every flag of every command, by name: a command reads its flags by these names only (typed). */
export type OptionName =
  | 'allow-destructive' | 'check' | 'confirm-env' | 'dir' | 'dry-run' | 'env' | 'fail-at' | 'faults' | 'fix' | 'fix-dry-run' | 'force' | 'format' | 'from' | 'help' | 'id' | 'json'
  | 'lab-dir' | 'lang' | 'minutes' | 'no-color' | 'older-than' | 'only' | 'out' | 'param' | 'params' | 'purge' | 'runbook' | 'seed' | 'since'
  | 'state-dir' | 'strict' | 'system' | 'tag' | 'template' | 'title' | 'until' | 'version' | 'wait' | 'yes';

export interface OptionSpec {
  name: OptionName;
  short?: string;
  type: 'boolean' | 'string';
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `DIR`. */
  value?: string;
  choices?: readonly string[];
  /** What the shell should complete for the value. */
  complete?: 'runbook' | 'run' | 'file' | 'dir' | 'step';
  desc: MessageKey;
}

export interface CommandSpec {
  name: string;
  summary: MessageKey;
  args: string;
  /** What the shell completes for positional arguments. */
  complete?: 'runbook' | 'run' | 'file' | 'words';
  words?: readonly string[];
  options: OptionSpec[];
  examples: string[];
  /** Not listed in help or completion (internal helpers). */
  hidden?: boolean;
  load: () => Promise<CommandModule>;
}

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'lang', type: 'string', value: 'es|en', choices: ['es', 'en'], desc: 'opt.lang' },
  { name: 'no-color', type: 'boolean', desc: 'opt.noColor' },
  { name: 'help', short: 'h', type: 'boolean', desc: 'opt.help' },
];

const DIR: OptionSpec = { name: 'dir', type: 'string', multiple: true, value: 'DIR', complete: 'dir', desc: 'opt.dir' };
const JSON_FLAG: OptionSpec = { name: 'json', type: 'boolean', desc: 'opt.json' };

export const COMMANDS: CommandSpec[] = [
  {
    name: 'list',
    summary: 'cmd.list',
    args: '',
    options: [{ name: 'tag', type: 'string', multiple: true, value: 'TAG', desc: 'opt.tag' }, { name: 'format', type: 'string', value: 'table|md|json', choices: ['table', 'md', 'json'], desc: 'opt.formatList' }, JSON_FLAG, DIR],
    examples: ['runbook list', 'runbook list --tag dia-3', 'runbook list --format md > runbooks/README.md'],
    load: () => Promise.resolve(listCommand),
  },
  {
    name: 'show',
    summary: 'cmd.show',
    args: '<ref>',
    complete: 'runbook',
    options: [{ name: 'format', type: 'string', value: 'text|json', choices: ['text', 'json'], desc: 'opt.formatShow' }, JSON_FLAG, DIR],
    examples: ['runbook show RB-01', 'runbook show restore-db --json'],
    load: () => Promise.resolve(showCommand),
  },
  {
    name: 'lint',
    summary: 'cmd.lint',
    args: '[paths…]',
    complete: 'file',
    options: [
      { name: 'strict', type: 'boolean', desc: 'opt.strict' },
      { name: 'fix', type: 'boolean', desc: 'opt.fix' },
      { name: 'fix-dry-run', type: 'boolean', desc: 'opt.fixDryRun' },
      { name: 'format', type: 'string', value: 'text|json|github', choices: ['text', 'json', 'github'], desc: 'opt.formatLint' },
      JSON_FLAG,
      DIR,
    ],
    examples: ['runbook lint', 'runbook lint runbooks/ --strict', 'runbook lint runbooks/ --format github', 'runbook lint --fix-dry-run viejos/', 'runbook lint --fix viejos/pods-atascados.md'],
    load: () => import('./commands/lint.js'),
  },
  {
    name: 'graph',
    summary: 'cmd.graph',
    args: '<ref>',
    complete: 'runbook',
    options: [{ name: 'format', type: 'string', value: 'mermaid|dot|json', choices: ['mermaid', 'dot', 'json'], desc: 'opt.formatGraph' }, JSON_FLAG, DIR],
    examples: ['runbook graph SOP-002', 'runbook graph restore-db --format dot | dot -Tsvg > rb01.svg'],
    load: () => Promise.resolve(graphCommand),
  },
];

const STATE_DIR: OptionSpec = { name: 'state-dir', type: 'string', value: 'DIR', complete: 'dir', desc: 'opt.stateDir' };
const PARAM_OPTIONS: OptionSpec[] = [
  { name: 'param', short: 'p', type: 'string', multiple: true, value: 'K=V', desc: 'opt.param' },
  { name: 'params', type: 'string', value: 'FILE', complete: 'file', desc: 'opt.params' },
  { name: 'yes', short: 'y', type: 'boolean', desc: 'opt.yes' },
  { name: 'allow-destructive', type: 'boolean', desc: 'opt.allowDestructive' },
  { name: 'confirm-env', type: 'string', value: 'NAME', desc: 'opt.confirmEnv' },
  { name: 'force', type: 'boolean', desc: 'opt.force' },
];

COMMANDS.push(
  {
    name: 'play',
    summary: 'cmd.play',
    args: '<ref>',
    complete: 'runbook',
    options: [
      { name: 'env', short: 'e', type: 'string', value: 'NAME', desc: 'opt.env' },
      ...PARAM_OPTIONS,
      { name: 'dry-run', type: 'boolean', desc: 'opt.dryRun' },
      { name: 'fail-at', type: 'string', value: 'STEP', complete: 'step', desc: 'opt.failAt' },
      { name: 'from', type: 'string', value: 'STEP', complete: 'step', desc: 'opt.from' },
      { name: 'only', type: 'string', multiple: true, value: 'STEP[,STEP]', complete: 'step', desc: 'opt.only' },
      { name: 'until', type: 'string', value: 'STEP', complete: 'step', desc: 'opt.until' },
      STATE_DIR,
      DIR,
    ],
    examples: ['runbook play restore-db', 'runbook play SOP-002 --dry-run', 'runbook play RB-01 --dry-run --fail-at restore', 'runbook play SOP-001 --env staging --yes', 'runbook play RB-01 --env production -p BACKUP_FILE=backups/backup_2024-01-01.sql.gz'],
    load: async () => (await import('./commands/run-commands.js')).play,
  },
  {
    name: 'resume',
    summary: 'cmd.resume',
    args: '[run-id]',
    complete: 'run',
    options: [...PARAM_OPTIONS, STATE_DIR, DIR],
    examples: ['runbook resume', 'runbook resume 20261122T184233Z-rb-01-3f9a --yes'],
    load: async () => (await import('./commands/run-commands.js')).resume,
  },
  {
    name: 'runs',
    summary: 'cmd.runs',
    args: '[prune]',
    complete: 'words',
    words: ['prune'],
    options: [{ name: 'older-than', type: 'string', value: 'DURATION', desc: 'opt.olderThan' }, { name: 'format', type: 'string', value: 'table|json', choices: ['table', 'json'], desc: 'opt.formatRuns' }, JSON_FLAG, STATE_DIR],
    examples: ['runbook runs', 'runbook runs --json', 'runbook runs prune --older-than 90d'],
    load: async () => (await import('./commands/run-commands.js')).runs,
  },
);

COMMANDS.push(
  {
    name: 'report',
    summary: 'cmd.report',
    args: '[run-id]',
    complete: 'run',
    options: [
      { name: 'format', type: 'string', value: 'md|html|json', choices: ['md', 'html', 'json'], desc: 'opt.formatReport' },
      JSON_FLAG,
      { name: 'out', short: 'o', type: 'string', value: 'FILE', complete: 'file', desc: 'opt.out' },
      { name: 'template', type: 'string', value: 'FILE', complete: 'file', desc: 'opt.template' },
      STATE_DIR,
    ],
    examples: [
      'runbook report',
      'runbook report 20261122T184233Z-rb-01-3f9a --format html --out informe.html',
      'runbook report --format md --lang en > incident.md',
      'runbook report --json | jq .incident',
      'runbook report --template mi-informe.md.eta --out informe.md',
    ],
    load: async () => (await import('./commands/run-commands.js')).report,
  },
  {
    name: 'log',
    summary: 'cmd.log',
    args: '',
    options: [
      { name: 'since', type: 'string', value: 'DATE|AGE', desc: 'opt.since' },
      { name: 'runbook', type: 'string', value: 'REF', desc: 'opt.runbook' },
      { name: 'format', type: 'string', value: 'table|md|csv|json', choices: ['table', 'md', 'csv', 'json'], desc: 'opt.formatLog' },
      JSON_FLAG,
      STATE_DIR,
      DIR,
    ],
    examples: ['runbook log', 'runbook log --since 2026-11-01 --runbook restore-db', 'runbook log --since 30d --format csv > bitacora.csv', 'runbook log --runbook SOP-002 --format md'],
    load: async () => (await import('./commands/run-commands.js')).log,
  },
  {
    name: 'new',
    summary: 'cmd.new',
    args: '<slug>',
    options: [
      { name: 'id', type: 'string', value: 'ID', desc: 'opt.newId' },
      { name: 'title', type: 'string', value: 'TEXT', desc: 'opt.newTitle' },
      { ...DIR, multiple: false, desc: 'opt.newDir' },
    ],
    examples: ['runbook new restore-cache --id RB-04 --title "Restaurar la caché Redis"', 'runbook new rotate-certs --dir runbooks/pawpaw --lang en'],
    load: () => import('./commands/new.js'),
  },
  {
    name: 'lab',
    summary: 'cmd.lab',
    args: 'up [SYSTEM…]|status|down|reset [SYSTEM]|faults|inject FAULT|exam',
    complete: 'words',
    words: ['up', 'status', 'down', 'reset', 'faults', 'inject', 'exam'],
    options: [
      { name: 'lab-dir', type: 'string', value: 'DIR', complete: 'dir', desc: 'opt.labDir' },
      { name: 'system', type: 'string', value: 'SYSTEM', desc: 'opt.system' },
      { name: 'purge', type: 'boolean', desc: 'opt.purge' },
      { name: 'seed', type: 'string', value: 'N', desc: 'opt.seed' },
      { name: 'faults', type: 'string', value: 'N', desc: 'opt.faults' },
      { name: 'minutes', type: 'string', value: 'N', desc: 'opt.minutes' },
      { name: 'check', type: 'boolean', desc: 'opt.check' },
      { name: 'wait', type: 'boolean', desc: 'opt.wait' },
      { ...STATE_DIR, desc: 'opt.labStateDir' },
      JSON_FLAG,
    ],
    examples: ['runbook lab up inatrace', 'runbook lab status --json', 'runbook lab inject db-down', 'runbook play INA-04 --env lab --yes --allow-destructive', 'runbook lab reset inatrace', 'runbook lab exam --seed 7', 'runbook lab exam --check', 'runbook lab exam --wait', 'runbook lab down --purge'],
    load: () => import('./commands/lab.js'),
  },
  {
    name: 'completion',
    summary: 'cmd.completion',
    args: 'bash|zsh|fish',
    complete: 'words',
    words: ['bash', 'zsh', 'fish'],
    options: [],
    examples: ['eval "$(runbook completion bash)"', 'runbook completion fish > ~/.config/fish/completions/runbook.fish'],
    load: () => Promise.resolve(completionCommand),
  },
  {
    name: '__complete',
    summary: 'cmd.completion',
    args: 'runbooks|runs|steps [ref]',
    options: [DIR, STATE_DIR],
    examples: [],
    hidden: true,
    load: () => import('./commands/complete.js'),
  },
);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
