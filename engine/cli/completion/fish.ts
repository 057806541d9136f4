/** A fish completion script generated from the command table. */
import type { Translate } from '../../i18n/translate.js';
import { COMMANDS, GLOBAL_OPTIONS } from '../spec.js';

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishCompletion(t: Translate): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  const lines = ['# fish completion for runbook — runbook completion fish | source', 'complete -c runbook -f'];
  for (const c of visible) lines.push(`complete -c runbook -n __fish_use_subcommand -a ${c.name} -d ${quote(t(c.summary))}`);
  for (const c of visible) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of [...c.options, ...GLOBAL_OPTIONS]) {
      const value = o.choices ? ` -x -a ${quote(o.choices.join(' '))}` : o.complete === 'dir' || o.complete === 'file' ? ' -r -F' : o.complete === 'step' ? ` -x -a '(runbook __complete steps (commandline -opc)[3] 2>/dev/null)'` : o.type === 'string' ? ' -x' : '';
      lines.push(`complete -c runbook ${when} -l ${o.name}${o.short ? ` -s ${o.short}` : ''}${value} -d ${quote(t(o.desc))}`);
    }
    if (c.complete === 'runbook') lines.push(`complete -c runbook ${when} -a '(runbook __complete runbooks 2>/dev/null)'`);
    if (c.complete === 'run') lines.push(`complete -c runbook ${when} -a '(runbook __complete runs 2>/dev/null)'`);
    if (c.complete === 'file') lines.push(`complete -c runbook ${when} -F`);
    if (c.complete === 'words') lines.push(`complete -c runbook ${when} -a ${quote((c.words ?? []).join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
