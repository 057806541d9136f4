/**
 * The program a simple command runs and its arguments, looking through
 * leading assignments and wrappers (`sudo -u x`, `env A=1`, `xargs -r`,
 * `nohup`, `timeout 5`, `exec`, `find … -exec`, `kubectl exec … --`).
 */
import type { ShellWord } from './shell-words.js';

export interface Invocation {
  program: string;
  args: string[];
  /** Whether each of `args` was quoted (data, not a verb: `grep 'delete'`). */
  literal: boolean[];
  /** The words as written, for telling the author what matched. */
  words: string[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Reserved words that may start a simple command before the command itself: `if x=…`, `else rm …`, `while read …`. */
export const KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac', 'in']);

/** Index of the first word after leading reserved words. */
export function afterKeywords(words: readonly string[]): number {
  let i = 0;
  while (i < words.length && KEYWORDS.has(words[i] as string)) i++;
  return i;
}
/** Wrappers whose options take a value (so the value is not the program). */
const WRAPPERS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S']),
  xargs: new Set(['-I', '-i', '-n', '-P', '-L', '-l', '-s', '-d', '-E', '-a']),
  nohup: new Set(),
  exec: new Set(['-a']),
  command: new Set(),
  builtin: new Set(),
  time: new Set(),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n']),
  stdbuf: new Set(['-i', '-o', '-e']),
  timeout: new Set(['-s', '-k']),
  chroot: new Set(),
  flock: new Set(['-w']),
};
/** Wrappers that take one positional before the program: `timeout 5 cmd`, `chroot /mnt cmd`, `flock file cmd`. */
const ONE_POSITIONAL = new Set(['timeout', 'chroot', 'flock']);

export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

/** Every invocation in a simple command: the command itself, and what it runs for others (`xargs rm`, `-exec rm`, `-- rm`). */
export function invocations(command: ShellWord[]): Invocation[] {
  return unwrap(command.map((w) => w.text), command.map((w) => w.quoted));
}

function unwrap(words: string[], quoted: boolean[]): Invocation[] {
  let i = afterKeywords(words);
  while (i < words.length && ASSIGNMENT.test(words[i] as string)) i++;
  for (;;) {
    const name = baseName(words[i] ?? '');
    const valued = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (valued === undefined) break;
    i++;
    while (i < words.length && ((words[i] as string).startsWith('-') || (name === 'env' && ASSIGNMENT.test(words[i] as string)))) {
      const option = words[i] as string;
      i += valued.has(option) ? 2 : 1;
      if (option === '--') break;
    }
    if (ONE_POSITIONAL.has(name)) i++;
  }
  const rest = words.slice(i);
  const restQuoted = quoted.slice(i);
  if (rest.length === 0) return [];
  const found: Invocation[] = [{ program: baseName(rest[0] as string), args: rest.slice(1), literal: restQuoted.slice(1), words: rest }];
  for (let j = 1; j < rest.length; j++) {
    const word = rest[j] as string;
    if (word === '-exec' || word === '-execdir' || word === '-ok') {
      const end = rest.findIndex((w, k) => k > j && (w === ';' || w === '+'));
      found.push(...unwrap(rest.slice(j + 1, end === -1 ? rest.length : end), restQuoted.slice(j + 1, end === -1 ? rest.length : end)));
    } else if (word === '--' && (found[0]?.program === 'kubectl' || found[0]?.program === 'oc')) {
      found.push(...unwrap(rest.slice(j + 1), restQuoted.slice(j + 1)));
      break;
    }
  }
  return found;
}
