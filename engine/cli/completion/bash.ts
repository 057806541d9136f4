/** A bash completion script generated from the command table; runbook ids and run ids come from `runbook __complete`. */
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from '../spec.js';

const flagsOf = (spec: CommandSpec) => [...spec.options, ...GLOBAL_OPTIONS].map((o) => `--${o.name}`).join(' ');

function valueCase(spec: CommandSpec, option: OptionSpec): string | undefined {
  const pattern = `${spec.name}:--${option.name}`;
  if (option.choices) return `    ${pattern}) COMPREPLY=($(compgen -W "${option.choices.join(' ')}" -- "$cur")); return ;;`;
  if (option.complete === 'dir') return `    ${pattern}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`;
  if (option.complete === 'file') return `    ${pattern}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`;
  if (option.complete === 'step') return `    ${pattern}) COMPREPLY=($(compgen -W "$(runbook __complete steps "\${COMP_WORDS[2]}" 2>/dev/null)" -- "$cur")); return ;;`;
  if (option.type === 'string') return `    ${pattern}) return ;;`;
  return undefined;
}

function positionalCase(spec: CommandSpec): string {
  switch (spec.complete) {
    case 'runbook':
      return `    ${spec.name}) COMPREPLY=($(compgen -W "$(runbook __complete runbooks 2>/dev/null)" -- "$cur")) ;;`;
    case 'run':
      return `    ${spec.name}) COMPREPLY=($(compgen -W "$(runbook __complete runs 2>/dev/null)" -- "$cur")) ;;`;
    case 'file':
      return `    ${spec.name}) COMPREPLY=($(compgen -f -- "$cur")) ;;`;
    case 'words':
      return `    ${spec.name}) COMPREPLY=($(compgen -W "${(spec.words ?? []).join(' ')}" -- "$cur")) ;;`;
    default:
      return `    ${spec.name}) ;;`;
  }
}

export function bashCompletion(): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  const values = visible.flatMap((spec) => [...spec.options, ...GLOBAL_OPTIONS].map((o) => valueCase(spec, o)).filter((l): l is string => l !== undefined));
  return `# bash completion for runbook — eval "$(runbook completion bash)"
_runbook() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${visible.map((c) => c.name).join(' ')} --help --version" -- "$cur"))
    return
  fi
  case "$cmd:$prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case "$cmd" in
${visible.map((c) => `    ${c.name}) COMPREPLY=($(compgen -W "${flagsOf(c)}" -- "$cur")) ;;`).join('\n')}
    esac
    return
  fi
  case "$cmd" in
${visible.map(positionalCase).join('\n')}
  esac
}
complete -o default -F _runbook runbook
`;
}

/** zsh runs the bash script through its bash compatibility layer. */
export function zshCompletion(): string {
  return `# zsh completion for runbook — eval "$(runbook completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashCompletion().split('\n').slice(1).join('\n')}`;
}
