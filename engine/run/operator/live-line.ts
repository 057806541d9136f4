/**
 * The live line under a running step, on a terminal only: how long it has
 * run and what it last printed (or that it has printed nothing yet), redrawn
 * once a second on the line below the output. Any other write clears it
 * first; it is never drawn in the middle of a line of output.
 */
import type { Translate } from '../../i18n/translate.js';
import type { Style } from './style.js';

export interface LiveHint {
  /** From this time (ms, `Date.now()` clock) the reminder is shown on the line. */
  at: number;
  text: string;
}

export interface LiveLine {
  start(hint?: LiveHint): void;
  /** Output the step printed (already masked). */
  seen(bytes: Uint8Array): void;
  /** Removes the line from the screen, before anything else is written. */
  hide(): void;
  stop(): void;
}

const TAIL = 512;
// Terminal control sequences (colours, cursor moves) and other control characters of the step's own output.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]|[\u0000-\u001f\u007f]/g;

export function elapsedText(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m` : m > 0 ? `${m}m ${pad(s)}s` : `${s}s`;
}

export function bytesText(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The last non-empty line of what was printed, without control characters. */
export function lastLine(tail: Buffer): string {
  const lines = tail.toString('utf8').split(/\r?\n|\r/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = (lines[i] ?? '').replace(CONTROL, '').trim();
    if (text !== '') return text;
  }
  return '';
}

/** `draw` writes to the terminal; `atLineStart` says whether the cursor is at the start of a line (else the line waits). */
export function createLiveLine(draw: (text: string) => void, atLineStart: () => boolean, t: Translate, style: Style, columns: () => number): LiveLine {
  let timer: NodeJS.Timeout | undefined;
  let shown = false;
  let startedAt = 0;
  let bytes = 0;
  let tail = Buffer.alloc(0);
  let hint: LiveHint | undefined;
  const text = () => {
    const now = Date.now();
    const line = lastLine(tail);
    const activity = bytes === 0 ? t('run.liveSilent') : t('run.liveOutput', { bytes: bytesText(bytes), line });
    const reminder = hint && now >= hint.at ? ` · ⚠ ${hint.text}` : '';
    const full = `${t('run.live', { elapsed: elapsedText(now - startedAt), activity })}${reminder}`;
    const width = Math.max(20, columns() - 1);
    return [...full].length > width ? `${[...full].slice(0, width - 1).join('')}…` : full;
  };
  const hide = () => {
    if (!shown) return;
    shown = false;
    draw('\r\u001b[2K');
  };
  const tick = () => {
    if (!atLineStart() && !shown) return;
    draw(`\r\u001b[2K${style.dim(text())}`);
    shown = true;
  };
  return {
    start(given) {
      this.stop();
      [startedAt, bytes, tail, hint, shown] = [Date.now(), 0, Buffer.alloc(0), given, false];
      timer = setInterval(tick, 1000);
      timer.unref();
    },
    seen(chunk) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > TAIL) tail = tail.subarray(tail.length - TAIL);
    },
    hide,
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      hide();
    },
  };
}
