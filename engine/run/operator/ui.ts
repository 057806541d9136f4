/** What the operator sees during a run. Writes to one stream; styling disappears when colour is off. */
import type { Style } from './style.js';
import type { Translate } from '../../i18n/translate.js';
import type { Alert, ContextBlock, Section, Step } from '../../model.js';
import { stepTraits } from './step-traits.js';
import { createLiveLine, type LiveHint } from './live-line.js';

export interface Ui {
  write(text: string): void;
  line(text?: string): void;
  /** A section heading with its alerts and the context blocks that come before its first step. */
  section(section: Section, context?: ContextBlock[]): void;
  /** Context blocks (sample output, config, queries) where they stand, labelled as examples and dimmed. */
  samples(blocks: readonly ContextBlock[]): void;
  step(step: Step, position: string, phase: string): void;
  command(command: string, variables: [string, string][]): void;
  /** Step output, each line prefixed so stdout and stderr stay distinguishable. Bytes pass through undecoded. */
  output(data: string | Buffer, stream: 'stdout' | 'stderr'): void;
  result(kind: 'ok' | 'fail' | 'skip' | 'info', text: string): void;
  diff(text: string): void;
  warn(text: string): void;
  /** Resolves when the terminal has taken what was written (undefined when it already has). */
  drained(): Promise<void> | undefined;
  /** A step's process has started: on a terminal, the live line (elapsed time, last output) appears under its output. */
  running(hint?: LiveHint): void;
  /** The process ended: the live line goes. */
  idle(): void;
}

const ALERT_MARK: Record<Alert['kind'], string> = { note: 'ℹ', tip: '✦', important: '❗', warning: '⚠', caution: '⛔' };

type Out = { write(text: string | Uint8Array): unknown; once?(event: 'drain', listener: () => void): unknown; columns?: number | undefined };

/** `live`: the stream is a terminal, so a running step gets a live line (nothing is redrawn otherwise). */
export function createUi(out: Out, style: Style, t: Translate, options: { live?: boolean } = {}): Ui {
  let atLineStart = true;
  let backedUp = false;
  const prefixOut = Buffer.from(style.dim('  │ '));
  const prefixErr = Buffer.from(style.red('  ┃ '));
  const live = options.live ? createLiveLine((text) => out.write(text), () => atLineStart, t, style, () => out.columns ?? 80) : undefined;
  const write = (text: string) => {
    if (text === '') return;
    live?.hide();
    out.write(text);
    atLineStart = text.endsWith('\n');
  };
  const line = (text = '') => write(`${atLineStart ? '' : '\n'}${text}\n`);
  /** A context block where it stands: its introducing paragraph, a label saying it is an example, its text dimmed. */
  const showSamples = (blocks: readonly ContextBlock[]) => {
    for (const block of blocks) {
      if (block.lang === 'mermaid') continue;
      line(style.dim(`  ${block.intro ? `${block.intro}  ` : ''}[${t('run.sampleLabel', { lang: block.lang || 'text' })}]`));
      for (const text of block.text.trimEnd().split('\n')) line(style.dim(`  ┆ ${text}`));
    }
  };
  return {
    write,
    line,
    section(section, context = []) {
      line();
      line(style.bold(`§ ${section.title}`));
      for (const alert of section.alerts) {
        const color = alert.kind === 'warning' || alert.kind === 'caution' ? style.red : style.yellow;
        line(color(`${ALERT_MARK[alert.kind]} ${t(`alert.${alert.kind}`)}: ${alert.text.replace(/\n/g, '\n   ')}`));
      }
      showSamples(context);
    },
    samples: (blocks) => showSamples(blocks),
    step(step, position, phase) {
      const traits = stepTraits(step, t);
      line();
      line(`${style.bold(style.cyan(`▶ ${position} ${step.id}`))}${phase ? style.magenta(` [${phase}]`) : ''}${traits.length ? style.dim(`  ${traits.join(' · ')}`) : ''}`);
      if (step.description) line(style.dim(step.description));
    },
    command(command, variables) {
      for (const [i, text] of command.trimEnd().split('\n').entries()) line(`${i === 0 ? style.bold('  $ ') : '    '}${text}`);
      if (variables.length > 0) line(style.dim(`    ${variables.map(([k, v]) => `${k}=${v}`).join('  ')}`));
    },
    output(data, stream) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      if (bytes.length === 0) return;
      live?.hide();
      live?.seen(bytes);
      const prefix = stream === 'stderr' ? prefixErr : prefixOut;
      const parts: Buffer[] = [];
      let start = 0;
      while (start < bytes.length) {
        if (atLineStart) parts.push(prefix);
        const nl = bytes.indexOf(10, start);
        const end = nl === -1 ? bytes.length : nl + 1;
        parts.push(bytes.subarray(start, end));
        atLineStart = nl !== -1;
        start = end;
      }
      if (out.write(parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts)) === false && out.once) backedUp = true;
    },
    result(kind, text) {
      const mark = kind === 'ok' ? style.green('✔') : kind === 'fail' ? style.red('✖') : kind === 'skip' ? style.yellow('↷') : style.blue('•');
      line(`${mark} ${text}`);
    },
    diff(text) {
      for (const l of text.trimEnd().split('\n')) line(l.startsWith('+') ? style.green(`    ${l}`) : l.startsWith('-') ? style.red(`    ${l}`) : style.dim(`    ${l}`));
    },
    warn(text) {
      line(style.yellow(`⚠ ${text}`));
    },
    running(hint) {
      live?.start(hint);
    },
    idle() {
      live?.stop();
    },
    drained() {
      if (!backedUp || !out.once) return undefined;
      return new Promise((resolve) =>
        out.once?.('drain', () => {
          backedUp = false;
          resolve();
        }),
      );
    },
  };
}
