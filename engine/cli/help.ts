/** `--help` text, rendered from the spec table in the operator's language. */
import type { Translate } from '../i18n/translate.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './spec.js';

function optionRows(options: OptionSpec[], t: Translate): string[] {
  const rows = options.map((o) => [`${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`, t(o.desc)] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function commandHelp(spec: CommandSpec, t: Translate): string {
  return [
    `${t('help.usage')}: runbook ${spec.name}${spec.args ? ` ${spec.args}` : ''} [${t('help.options').toLowerCase()}]`,
    '',
    t(spec.summary),
    '',
    `${t('help.options')}:`,
    ...optionRows([...spec.options, ...GLOBAL_OPTIONS], t),
    '',
    `${t('help.examples')}:`,
    ...spec.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export function mainHelp(t: Translate): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  const width = Math.max(...visible.map((c) => c.name.length));
  return [
    `runbook — ${t('help.tagline')}`,
    '',
    `${t('help.usage')}: runbook <${t('help.command')}> [${t('help.options').toLowerCase()}]`,
    '',
    `${t('help.commands')}:`,
    ...visible.map((c) => `  ${c.name.padEnd(width)}  ${t(c.summary)}`),
    '',
    `${t('help.options')}:`,
    ...optionRows([...GLOBAL_OPTIONS, { name: 'version', short: 'v', type: 'boolean', desc: 'opt.version' }], t),
    '',
    `${t('help.examples')}:`,
    '  runbook play SOP-002 --dry-run',
    '  runbook play restore-db --env staging',
    '  runbook lint runbooks/ --strict',
    '',
    t('help.exitCodes'),
    '',
  ].join('\n');
}
