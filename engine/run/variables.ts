/**
 * Variables reach commands only as environment variables, never spliced
 * into the command text: the caller's environment, then the environment's
 * `vars`, then params, then captured values.
 */
import { MASK } from './mask.js';

export interface VariableSources {
  base: NodeJS.ProcessEnv;
  envVars: Record<string, string>;
  params: Record<string, string>;
  captures: Record<string, string>;
}

export function commandEnv(sources: VariableSources): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(sources.base)) if (v !== undefined) env[k] = v;
  return { ...env, ...sources.envVars, ...sources.params, ...sources.captures };
}

/** Names a shell command refers to as `$NAME` or `${NAME…}`, in order of first use. */
export function referencedNames(command: string): string[] {
  const names = new Set<string>();
  for (const match of command.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1] as string);
  return [...names];
}

/**
 * The runbook's own variables a command will see (not the whole inherited
 * environment), secrets masked. In a dry run a declared param without a value
 * shows as a placeholder `<NAME>`.
 */
export function visibleVariables(
  command: string,
  sources: Omit<VariableSources, 'base'>,
  secret: (name: string) => boolean,
  placeholders: ReadonlySet<string> | undefined,
): [string, string][] {
  const own: Record<string, string> = { ...sources.envVars, ...sources.params, ...sources.captures };
  const rows: [string, string][] = [];
  for (const name of referencedNames(command)) {
    if (name in own) rows.push([name, secret(name) ? MASK : oneLine(own[name] as string)]);
    else if (placeholders?.has(name)) rows.push([name, `<${name}>`]);
  }
  return rows;
}

/** Multi-line values are shown as their first line and a count, so the variables line stays one line. */
function oneLine(value: string): string {
  const lines = value.split('\n');
  return lines.length > 1 ? `${lines[0]} …(+${lines.length - 1})` : value;
}
