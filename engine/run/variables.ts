/**
 * Every variable a command can see, in one place: the environment `runbook`
 * was started with, the chosen environment's `vars`, params and captured
 * values — later sources win. Values reach commands only as environment
 * variables, never spliced into the command text. There is one way to set
 * a value (`set`); a secret value is handed to the masker as it is set.
 */
import { MASK } from '../model.js';
import type { Masker } from './mask.js';

/** `session`: assigned or exported by an earlier step's shell. */
export type VariableSource = 'environment' | 'param' | 'capture' | 'session';

interface Entry {
  value: string;
  source: VariableSource;
  secret: boolean;
  /** The step that captured it. */
  step?: string;
}

export class Variables {
  private readonly own = new Map<string, Entry>();
  /** Secret captures whose value is not known (resumed under --yes): the step that made each. */
  private readonly unavailable = new Map<string, string>();
  private cached: Record<string, string> | undefined;

  constructor(
    private readonly base: Readonly<NodeJS.ProcessEnv>,
    private readonly masker: Masker,
  ) {}

  set(name: string, value: string, options: { source: VariableSource; secret?: boolean; step?: string }): void {
    const secret = options.secret === true;
    this.own.set(name, { value, source: options.source, secret, ...(options.step !== undefined && { step: options.step }) });
    this.unavailable.delete(name);
    if (secret) this.masker.addSecret(value);
    this.cached = undefined;
  }

  /** A secret capture from before a resume whose value nobody gave: a step that uses it cannot run. */
  markUnavailable(name: string, step: string): void {
    this.unavailable.set(name, step);
  }

  get(name: string): string | undefined {
    return this.own.get(name)?.value;
  }

  isSecret(name: string): boolean {
    return this.own.get(name)?.secret === true;
  }

  /** The first name in `names` whose value is unavailable, with the step that captured it. */
  firstUnavailable(names: Iterable<string>): { name: string; step: string } | undefined {
    for (const name of names) {
      const step = this.unavailable.get(name);
      if (step !== undefined) return { name, step };
    }
    return undefined;
  }

  /** Values of one source (params, for `requires` and the journal). */
  of(source: VariableSource): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, entry] of this.own) if (entry.source === source) out.set(name, entry.value);
    return out;
  }

  /** The environment a command runs with. */
  env(): Readonly<Record<string, string>> {
    if (this.cached) return this.cached;
    const env: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(this.base)) if (v !== undefined) env[k] = v;
    for (const [k, entry] of this.own) env[k] = entry.value;
    this.cached = env;
    return env;
  }

  /**
   * The runbook's own variables a command refers to (not the whole inherited
   * environment), secrets masked. In a dry run a declared param without a
   * value shows as a placeholder `<NAME>`.
   */
  visible(command: string, placeholders?: ReadonlySet<string>): [string, string][] {
    const rows: [string, string][] = [];
    for (const name of referencedNames(command)) {
      const entry = this.own.get(name);
      if (entry) rows.push([name, entry.secret ? MASK : oneLine(entry.value)]);
      else if (placeholders?.has(name)) rows.push([name, `<${name}>`]);
    }
    return rows;
  }
}

/** Names a shell command refers to as `$NAME` or `${NAME…}`, in order of first use. */
export function referencedNames(command: string): string[] {
  const names = new Set<string>();
  for (const match of command.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

/** Multi-line values are shown as their first line and a count, so the variables line stays one line. */
function oneLine(value: string): string {
  const lines = value.split('\n');
  return lines.length > 1 ? `${lines[0]} …(+${lines.length - 1})` : value;
}
