/**
 * Masks secrets wherever text could show them: secret param values, secret
 * captures, built-in patterns (passwords in URLs, tokens, `PGPASSWORD=`…)
 * and the runbook's own `mask` patterns. Secrets are replaced by `••••••`.
 */
export const MASK = '••••••';

/** Built-in patterns; each match is the secret value only (lookbehind keeps the key visible). */
const BUILT_IN: RegExp[] = [
  /(?<=\b(?:PGPASSWORD|MYSQL_PWD|MYSQL_ROOT_PASSWORD|MYSQL_PASSWORD|POSTGRES_PASSWORD|[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY))=)(?:"[^"]*"|'[^']*'|[^\s'"]+)/g,
  /(?<=[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)[^\s@/]+(?=@)/gi,
  /(?<=\b[Bb]earer\s+)[A-Za-z0-9._~+/-]{8,}=*/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bxox[baprs]-[A-Za-z0-9-]{10,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
];

export interface Masker {
  mask(text: string): string;
  /** Adds a secret value discovered during the run (a secret capture). */
  addSecret(value: string): void;
}

export function createMasker(secrets: Iterable<string>, patterns: string[] = []): Masker {
  const values = new Set<string>();
  const custom = patterns.flatMap((p) => {
    try {
      return [new RegExp(p, 'gu')];
    } catch {
      return [];
    }
  });
  const add = (value: string) => {
    // Very short values would mask ordinary text everywhere; they are still never journaled as params.
    if (value.length >= 3) values.add(value);
    const trimmed = value.trim();
    if (trimmed !== value && trimmed.length >= 3) values.add(trimmed);
  };
  for (const s of secrets) add(s);
  return {
    addSecret: add,
    mask(text) {
      let out = text;
      for (const value of [...values].sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
      for (const re of [...BUILT_IN, ...custom]) out = out.replace(re, (match) => (match === '' ? match : MASK));
      return out;
    },
  };
}

/**
 * Masks a stream: text is released line by line so a secret split across two
 * chunks is still whole when masked. A line longer than `maxLine` is released
 * early (secrets are short; such lines are output, not credentials).
 */
export function createStreamMasker(masker: Masker, emit: (text: string) => void, maxLine = 64 * 1024) {
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      const cut = pending.lastIndexOf('\n');
      if (cut !== -1) {
        emit(masker.mask(pending.slice(0, cut + 1)));
        pending = pending.slice(cut + 1);
      }
      if (pending.length > maxLine) {
        emit(masker.mask(pending));
        pending = '';
      }
    },
    flush() {
      if (pending !== '') emit(masker.mask(pending));
      pending = '';
    },
  };
}
