/** A system's `.env` from `lab/systems/<name>/env.template`: `{{NAME}}` replaced by the lab's values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths.js';

export function fillTemplate(system: string, values: Record<string, string>): string {
  const template = readFileSync(join(assetsDir(), 'systems', system, 'env.template'), 'utf8');
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}
