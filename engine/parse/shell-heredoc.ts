/** Here-documents (`<<EOF`, `<<-'EOF'`) and matching brackets, for the shell word splitter. */
import { noteVar, type ShellScan } from './shell-words.js';

export interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  strip: boolean;
}

export function matching(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" && left === '(') i = Math.max(i, text.indexOf("'", i + 1) === -1 ? text.length : text.indexOf("'", i + 1));
    else if (c === left) depth++;
    else if (c === right && --depth === 0) return i;
  }
  return text.length;
}

export function heredocStart(text: string, from: number, pending: PendingHeredoc[]): number {
  let i = from;
  const strip = text[i] === '-';
  if (strip) i++;
  while (text[i] === ' ') i++;
  const m = /^(['"]?)([A-Za-z0-9_.-]+)\1/.exec(text.slice(i));
  if (!m) return i;
  pending.push({ delimiter: m[2] as string, quoted: m[1] !== '', strip });
  return i + m[0].length;
}

export function heredocBodies(text: string, from: number, base: number, pending: PendingHeredoc[], scan: ShellScan): number {
  let i = from;
  for (const doc of pending) {
    const lines: string[] = [];
    const bodyStart = i;
    while (i < text.length) {
      const eol = text.indexOf('\n', i);
      const line = text.slice(i, eol === -1 ? text.length : eol);
      i = eol === -1 ? text.length : eol + 1;
      if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
      lines.push(line);
    }
    const body = lines.join('\n');
    scan.heredocs.push({ body, quoted: doc.quoted });
    if (!doc.quoted) for (const m of body.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=+])?/g)) noteVar(scan, m[1] as string, base + bodyStart + (m.index ?? 0), m[2] !== undefined);
  }
  return i;
}
