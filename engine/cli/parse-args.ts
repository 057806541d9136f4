/** Command-line words → values, with Node's own `util.parseArgs` driven by the spec table. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionName, type OptionSpec } from './spec.js';

export interface ParsedArgs {
  values: Partial<Record<OptionName, string | boolean | string[]>>;
  positionals: string[];
}

export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const all = [...spec.options, ...GLOBAL_OPTIONS];
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of all) options[o.name] = { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFrom(error, spec);
  }
  for (const o of all) checkChoices(o, parsed.values[o.name], spec);
  const format = parsed.values.format;
  if (parsed.values.json === true && typeof format === 'string' && format !== 'json') {
    throw new UsageError('error.jsonAndFormat', { format, command: spec.name });
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

function checkChoices(option: OptionSpec, value: unknown, spec: CommandSpec): void {
  if (!option.choices || value === undefined) return;
  for (const v of Array.isArray(value) ? value : [value]) {
    if (!option.choices.includes(String(v))) {
      throw new UsageError('error.badChoice', { flag: `--${option.name}`, value: String(v), choices: option.choices.join(', '), command: spec.name });
    }
  }
}

function usageFrom(error: unknown, spec: CommandSpec): UsageError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError('error.unknownFlag', { flag, command: spec.name }, { cause: error });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError('error.flagValue', { flag, command: spec.name }, { cause: error });
  return new UsageError('error.badArgs', { detail: message, command: spec.name }, { cause: error });
}

export function stringValue(args: ParsedArgs, name: OptionName): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listValue(args: ParsedArgs, name: OptionName): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flag(args: ParsedArgs, name: OptionName): boolean {
  return args.values[name] === true;
}

/** `--json` is shorthand for `--format json`. */
export function formatValue(args: ParsedArgs, fallback: string): string {
  return flag(args, 'json') ? 'json' : (stringValue(args, 'format') ?? fallback);
}
