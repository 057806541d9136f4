/** `requires`: commands on PATH, environment variables, files — every missing one listed at once. */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { MissingRequirements } from '../../journal/events.js';
import type { Requires } from '../../model.js';

export type { MissingRequirements };

export function onPath(command: string, pathVar: string | undefined): boolean {
  if (command.includes('/')) return isExecutable(command);
  return (pathVar ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, command)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function missingRequirements(requires: Requires, env: Readonly<Record<string, string | undefined>>, cwd: string): MissingRequirements {
  return {
    commands: requires.commands.filter((c) => !onPath(c, env.PATH)),
    env: requires.env.filter((name) => !env[name]),
    files: requires.files.filter((f) => !existsSync(resolve(cwd, f.replace(/^~(?=\/)/, env.HOME ?? '~')))),
  };
}

export function isEmpty(missing: MissingRequirements): boolean {
  return missing.commands.length + missing.env.length + missing.files.length === 0;
}
