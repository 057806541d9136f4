/** A system's `.env` from `lab/systems/<name>/env.template` (or another template of it): `{{NAME}}` replaced by the lab's values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths.js';

export function fillTemplate(system: string, values: Record<string, string>, file = 'env.template'): string {
  const template = readFileSync(join(assetsDir(), 'systems', system, file), 'utf8');
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/**
 * An existing `.env` kept (it may hold what a runbook changed: rotated secrets, a tag) with its
 * image lines brought up to date: images are tagged by content, and a system may gain an image.
 */
export function withImages(env: string, images: Record<string, string>): string {
  let text = env.endsWith('\n') || env === '' ? env : `${env}\n`;
  for (const [name, value] of Object.entries(images)) {
    if (value === '') continue;
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${name}=`));
    if (at === -1) text = `${text}${name}=${value}\n`;
    else {
      lines[at] = `${name}=${value}`;
      text = lines.join('\n');
    }
  }
  return text;
}
