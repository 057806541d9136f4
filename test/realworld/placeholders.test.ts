/** Placeholders become params (issue 14, part 4). Fixtures written for this issue. */
import { describe, expect, it } from 'vitest';
import { placeholderName, shellCommand } from '../../engine/parse/placeholders.js';
import { brief, commands, fence, parse } from '../parse/helpers.js';

const inferred = (markdown: string) => parse(markdown).runbook.inferredParams.map((p) => `${p.name}:${p.kind}:${p.steps.join(',')}`);

describe('placeholders', () => {
  it('gives `<words>` a readable name and the surrounding text as description', () => {
    expect(placeholderName('namespace')).toBe('NAMESPACE');
    expect(placeholderName('value of instance label from alert')).toBe('VALUE_OF_INSTANCE_LABEL_FROM_ALERT');
    expect(placeholderName('nombre del índice')).toBe('NOMBRE_DEL_INDICE');
    const { runbook, diagnostics } = parse(`# Pods\n\nLista los pods del espacio afectado.\n\n${fence('bash', 'kubectl get pods -n <namespace>')}`);
    expect(runbook.inferredParams).toEqual([{ name: 'NAMESPACE', kind: 'placeholder', description: 'Lista los pods del espacio afectado.', steps: ['pods'] }]);
    expect(brief(diagnostics)).toEqual(['5:1 info param-inferred']);
  });

  it('keeps the command as written and hands the shell a variable reference', () => {
    const step = commands(parse(fence('bash', 'kubectl logs <pod name> -n <namespace> | grep "<none>"')).runbook)[0];
    expect(step?.command).toBe('kubectl logs <pod name> -n <namespace> | grep "<none>"');
    expect(shellCommand(step?.command ?? '', step?.placeholders)).toBe('kubectl logs "${POD_NAME}" -n "${NAMESPACE}" | grep "<none>"');
  });

  it('a quoted `<…>` is a literal, except as the whole value of an assignment', () => {
    const md = fence('bash', `echo '<no value>' "\${X:-<ninguna>}"\nINSTANCE='<value of instance label>'\ncurl "http://$INSTANCE/metrics"`);
    expect(inferred(md)).toEqual(['INSTANCE:placeholder:test']);
    const step = commands(parse(md).runbook)[0];
    expect(shellCommand(step?.command ?? '', step?.placeholders)).toBe(`echo '<no value>' "\${X:-<ninguna>}"\nINSTANCE="\${INSTANCE}"\ncurl "http://$INSTANCE/metrics"`);
  });

  it('`$VAR` that nothing defines is inferred; defined ones are not', () => {
    const md = [
      '---\nparams:\n  DECLARED: { description: x }\nenvironments:\n  prod: { vars: { FROM_ENV: "1" } }\nrequires:\n  env: [REQUIRED_ENV]\n---\n',
      fence('bash { capture=CAPTURED }', 'echo $DECLARED $FROM_ENV $REQUIRED_ENV $HOME $1 $? $@ ${UNSET:-default} "$NODE"'),
      fence('bash', 'export LATER=1; for f in a b; do echo "$f $CAPTURED $LATER"; done\nread -r answer; echo "$answer ${data_bag}"'),
      fence('bash', 'echo "$LATER" $NODE'),
    ].join('\n');
    expect(inferred(md)).toEqual(['NODE:variable:test,test-3', 'data_bag:variable:test-2']);
  });

  it('a variable used before it is assigned in the same step is inferred', () => {
    expect(inferred(fence('bash', 'echo "$TARGET"\nTARGET=x'))).toEqual(['TARGET:variable:test']);
  });

  it('single quotes and quoted here-documents do not expand', () => {
    expect(inferred(fence('bash', "awk '{print $1, $NF}' f\ncat <<'EOF'\n$NOT_EXPANDED\nEOF"))).toEqual([]);
  });
});
