/**
 * Masks secrets wherever text could show them: secret param values, secret
 * captures, built-in patterns (passwords in URLs, tokens, `PGPASSWORD=`…)
 * and the runbook's own `mask` patterns. Secrets are replaced by `••••••`.
 */
export { MASK } from '../model.js';
import { MASK } from '../model.js';

/**
 * Built-in patterns. Each is tried only when one of its literal markers is in
 * the text (a fast substring search), and masks only the value (the last
 * capture group), so `PGPASSWORD=••••••` still shows which secret it was.
 */
interface BuiltIn {
  markers: string[];
  re: RegExp;
}

const BUILT_IN: BuiltIn[] = [
  {
    markers: ['PASSWORD=', 'SECRET=', 'TOKEN=', 'API_KEY=', 'MYSQL_PWD='],
    // A value that is a shell expansion (`PGPASSWORD="$DB_PASSWORD"`, `$(…)`, backticks) is not a secret: left visible.
    re: /(\b[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|MYSQL_PWD)=)(?!["']?[$`])("[^"]*"|'[^']*'|[^\s'"]+)/g,
  },
  { markers: ['://'], re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(?=@)/gi },
  { markers: ['Bearer ', 'bearer '], re: /(\b[Bb]earer\s+)([A-Za-z0-9._~+/-]{8,}=*)/g },
  { markers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], re: /()(\bgh[pousr]_[A-Za-z0-9]{30,}\b)/g },
  { markers: ['AKIA'], re: /()(\bAKIA[0-9A-Z]{16}\b)/g },
  { markers: ['xox'], re: /()(\bxox[baprs]-[A-Za-z0-9-]{10,}\b)/g },
  { markers: ['glpat-'], re: /()(\bglpat-[A-Za-z0-9_-]{20,}\b)/g },
];

export interface Masker {
  mask(text: string): string;
  /** Fast byte-level check: false means `mask` would return the text unchanged. */
  mightMask(data: Buffer): boolean;
  /** Adds a secret value discovered during the run (a secret capture). */
  addSecret(value: string): void;
  /** The secret values as bytes (a multi-line one whole and line by line). */
  readonly secretBytes: readonly Buffer[];
  /** The most newlines in one secret value: a stream holds back this many complete lines. */
  readonly maxNewlines: number;
}

const MARKER_BYTES = BUILT_IN.flatMap((b) => b.markers.map((m) => Buffer.from(m)));

export function createMasker(secrets: Iterable<string>, patterns: string[] = []): Masker {
  const values = new Set<string>();
  const valueBytes: Buffer[] = [];
  // Longest first, so a value that contains another is masked whole; kept sorted as values are added, not per call.
  let sorted: string[] = [];
  let maxNewlines = 0;
  const custom = patterns.flatMap((p) => {
    try {
      return [new RegExp(p, 'gu')];
    } catch {
      return [];
    }
  });
  const add = (value: string) => {
    // A multi-line secret is masked whole and line by line (a line may show up on its own, or in a diff).
    const lines = value.includes('\n') ? value.split(/\r?\n/).map((l) => l.trim()) : [];
    // Very short values would mask ordinary text everywhere; they are still never journaled as params.
    for (const v of new Set([value, value.trim(), ...lines])) {
      if (v.length < 3 || values.has(v)) continue;
      values.add(v);
      valueBytes.push(Buffer.from(v));
      maxNewlines = Math.max(maxNewlines, v.split('\n').length - 1);
    }
    sorted = [...values].sort((a, b) => b.length - a.length);
  };
  for (const s of secrets) add(s);
  return {
    addSecret: add,
    secretBytes: valueBytes,
    get maxNewlines() {
      return maxNewlines;
    },
    mightMask(data) {
      return custom.length > 0 || valueBytes.some((v) => data.includes(v)) || MARKER_BYTES.some((m) => data.includes(m));
    },
    mask(text) {
      let out = text;
      for (const value of sorted) if (out.includes(value)) out = out.split(value).join(MASK);
      for (const { markers, re } of BUILT_IN) {
        if (markers.some((m) => out.includes(m))) out = out.replace(re, (_match, key: string) => `${key}${MASK}`);
      }
      for (const re of custom) out = out.replace(re, (match) => (match === '' ? match : MASK));
      return out;
    },
  };
}

/**
 * Masks a byte stream: data is released line by line so a secret split across
 * chunks is still whole when masked. A stream holds back as many complete
 * lines as the longest multi-line secret has newlines, so such a secret is
 * whole too, however it was written. A line longer than `maxLine` is released
 * early, but never a part that a secret could still straddle: the cut moves
 * past any secret that crosses it and keeps back the longest secret's length.
 * Bytes that cannot contain a secret pass through untouched, without decoding; bytes in which
 * nothing was masked pass through untouched too.
 */
export function createStreamMasker(masker: Masker, emit: (data: Buffer) => void, maxLine = 64 * 1024) {
  let pending: Buffer | undefined;
  const release = (data: Buffer) => {
    if (!masker.mightMask(data)) return emit(data);
    const text = data.toString('utf8');
    const masked = masker.mask(text);
    // Nothing masked (a runbook's `mask:` pattern makes every chunk a candidate): the bytes as they came, not re-encoded.
    emit(masked === text ? data : Buffer.from(masked));
  };
  return {
    write(chunk: Buffer) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      let cut = data.lastIndexOf(10) + 1;
      for (let held = masker.maxNewlines; held > 0 && cut > 0; held--) cut = cut >= 2 ? data.lastIndexOf(10, cut - 2) + 1 : 0;
      if (data.length - cut >= maxLine) {
        const longest = masker.secretBytes.reduce((n, v) => Math.max(n, v.length), 0);
        // Released early, never in the middle of a character: the rest waits for the next chunk.
        cut = Math.max(cut, utf8Boundary(data.subarray(0, Math.max(0, data.length - Math.max(0, longest - 1)))));
      }
      cut = pastStraddlers(data, cut, masker.secretBytes);
      if (cut > 0) release(data.subarray(0, cut));
      pending = cut < data.length ? data.subarray(cut) : undefined;
    },
    flush() {
      if (pending) release(pending);
      pending = undefined;
    },
  };
}

/** Moves a cut past any secret that starts before it and ends after it (the whole secret is in `data`). */
function pastStraddlers(data: Buffer, cut: number, secrets: readonly Buffer[]): number {
  let at = cut;
  for (let moved = true; moved && at > 0 && at < data.length; ) {
    moved = false;
    for (const secret of secrets) {
      for (let from = Math.max(0, at - secret.length + 1), found = data.indexOf(secret, from); found !== -1 && found < at; found = data.indexOf(secret, found + 1)) {
        if (found + secret.length > at) {
          at = found + secret.length;
          moved = true;
        }
      }
    }
  }
  return at;
}

/** The length of the longest prefix of `data` that ends on a whole UTF-8 character. */
export function utf8Boundary(data: Buffer): number {
  let start = data.length - 1;
  // Back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start > 0 && data.length - start < 4 && ((data[start] ?? 0) & 0xc0) === 0x80) start--;
  const lead = data[start] ?? 0;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + size <= data.length ? data.length : start;
}
