/**
 * Param values, from (first wins) `--param K=V`, `--params file.yaml`,
 * `RUNBOOK_PARAM_<NAME>`, the chosen environment's var of that name, then a prompt (defaults offered; password prompt
 * for secrets). Validated against `pattern` and `choices`; NUL bytes refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorCode, UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/translate.js';
import type { ParamSpec } from '../../model.js';
import { fullMatch } from '../../parse/full-match.js';
import type { Prompter } from '../operator/prompter.js';

export interface ParamOptions {
  pairs: string[];
  file?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  prompter?: Prompter;
  /** `--yes`: use defaults, never ask. */
  yes: boolean;
  dryRun: boolean;
  t: Translate;
  /** The chosen environment's `vars`: a var named like a param gives its value (before a prompt or the default). */
  environment?: Readonly<Record<string, string>>;
  /** Names whose values are already known (resume) and must not be asked again. */
  known?: ReadonlyMap<string, string>;
  /** Attended: an inferred param nobody gave is not asked now but before the first step that needs it (`loop/inferred.ts`). */
  lazy?: boolean;
}

export interface ResolvedParams {
  values: Map<string, string>;
  /** Secret params given with --param (visible in the process list). */
  exposed: string[];
}

/** `cwd` is where a relative path param is looked for; without it (no run, e.g. `show`) paths are not checked. */
export function paramProblem(name: string, spec: ParamSpec, value: string, t: Translate, cwd?: string): string | undefined {
  if (value.includes('\0')) return t('error.paramNul', { name });
  if (spec.choices && !spec.choices.includes(value)) return t('error.paramChoice', { name, choices: spec.choices.join(', ') });
  if (spec.pattern && !fullMatch(spec.pattern, value)) return t('error.paramPattern', { name, pattern: spec.pattern });
  if (spec.path !== undefined && cwd !== undefined) return pathProblem(name, spec.path, resolve(cwd, value), t);
  return undefined;
}

function pathProblem(name: string, kind: 'exists' | 'parent', path: string, t: Translate): string | undefined {
  if (kind === 'exists') return existsSync(path) ? undefined : t('error.paramPathMissing', { name, path });
  const parent = dirname(path);
  return existsSync(parent) ? undefined : t('error.paramPathParent', { name, path: parent });
}

/** Names index a Map: `__proto__=x` or `toString=x` is a name like any other (and unknown unless declared). */
function fromPairs(pairs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('error.paramSyntax'); // the value itself may be a secret: never echoed
    out.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

async function fromFile(file: string, cwd: string): Promise<Map<string, string>> {
  let data: unknown;
  try {
    const { parse: parseYaml } = await import('yaml');
    data = parseYaml(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError('error.paramsFile', { file, reason: errorCode(error).split('\n')[0] ?? '' }, { cause: error });
  }
  if (data === null || data === undefined) return new Map();
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError('error.paramsFile', { file, reason: 'expected a mapping of NAME: value' });
  return new Map(Object.entries(data).map(([k, v]) => [k, String(v)]));
}

export async function resolveParams(specs: Record<string, ParamSpec>, options: ParamOptions): Promise<ResolvedParams> {
  const { t } = options;
  const given = fromPairs(options.pairs);
  const filed = options.file ? await fromFile(options.file, options.cwd) : new Map<string, string>();
  for (const name of [...given.keys(), ...filed.keys()]) {
    if (!Object.hasOwn(specs, name)) throw new UsageError('error.unknownParam', { name, params: Object.keys(specs).join(', ') || '—' });
  }
  const values = new Map<string, string>();
  const exposed: string[] = [];
  const missing: string[] = [];
  // A dry run touches nothing: a path that does not exist yet is not a reason to refuse the walk-through.
  const pathsFrom = options.dryRun ? undefined : options.cwd;
  for (const [name, spec] of Object.entries(specs)) {
    const fromEnvironment = options.environment && Object.hasOwn(options.environment, name) ? options.environment[name] : undefined;
    let value = options.known?.get(name) ?? given.get(name) ?? filed.get(name) ?? (Object.hasOwn(options.env, `RUNBOOK_PARAM_${name}`) ? options.env[`RUNBOOK_PARAM_${name}`] : undefined) ?? fromEnvironment;
    if (given.has(name) && spec.secret) exposed.push(name);
    if (value === undefined && options.lazy === true && spec.inferred === true) continue;
    if (value === undefined && options.prompter && !options.yes) {
      const validate = (v: string) => (v === '' && spec.required && spec.default === undefined ? t('error.paramEmpty', { name }) : (paramProblem(name, spec, v === '' ? (spec.default ?? '') : v, t, pathsFrom) ?? true));
      const label = `${name}${spec.description ? ` — ${spec.description}` : ''}`;
      if (spec.secret) value = await options.prompter.secret(label, { validate });
      else if (spec.choices) value = await options.prompter.choose(label, spec.choices.map((c) => ({ value: c, label: c })), spec.default ?? spec.choices[0] ?? '');
      else value = await options.prompter.text(label, { ...(spec.default !== undefined && { hint: spec.default }), validate });
      if (value === '' && spec.default !== undefined) value = spec.default;
    }
    value ??= spec.default;
    if (value === undefined || (value === '' && spec.required)) {
      if (spec.required) missing.push(name);
      continue;
    }
    const problem = paramProblem(name, spec, value, t, pathsFrom);
    if (problem) throw new UsageError('error.paramInvalid', { detail: problem });
    values.set(name, value);
  }
  if (missing.length > 0 && !options.dryRun) throw new UsageError('error.paramsMissing', { names: missing.join(', '), flags: missing.map((n) => `-p ${n}=…`).join(' '), first: missing[0] ?? '' });
  return { values, exposed };
}
