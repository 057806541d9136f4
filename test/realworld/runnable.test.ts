/** The runbook as the shell gets it (issue 14, parts 4 and 7): placeholders rewritten, inferred params merged, relative cwd from the document's folder. */
import { describe, expect, it } from 'vitest';
import type { CommandStep } from '../../engine/model.js';
import { inferredNames, refuseUnrunnable, runnableRunbook } from '../../engine/run/preflight/inferred.js';
import { commands, fence, parse } from '../parse/helpers.js';

const md = [
  '---\ncwd: scripts\nparams:\n  DECLARED: { description: x }\n---\n',
  fence('bash { id=a cwd=sub }', 'kubectl get pods -n <namespace> "$DECLARED" "$FROM_SHELL"'),
  fence('bash { id=b cwd=/abs }', 'echo "$OTHER"'),
].join('\n');

describe('runnableRunbook', () => {
  it('rewrites placeholders only in the text handed to the shell, and resolves relative cwd from the document', () => {
    const written = parse(md, '/srv/runbooks/pods.md').runbook;
    const runnable = runnableRunbook(written, { FROM_SHELL: 'x' });
    const [a, b] = commands(runnable);
    expect(a).toMatchObject({ command: 'kubectl get pods -n "${NAMESPACE}" "$DECLARED" "$FROM_SHELL"', cwd: '/srv/runbooks/sub' });
    expect(b?.cwd).toBe('/abs');
    expect(runnable.frontMatter.cwd).toBe('/srv/runbooks/scripts');
    expect(commands(written)[0]?.command).toBe('kubectl get pods -n <namespace> "$DECLARED" "$FROM_SHELL"');
  });

  it('asks inferred params as required ones, except a `$VAR` the process environment has', () => {
    const written = parse(md, '/srv/runbooks/pods.md').runbook;
    const runnable = runnableRunbook(written, { FROM_SHELL: 'x', NAMESPACE: 'ignored: placeholders are always asked' });
    expect(inferredNames(runnable, written)).toEqual(['NAMESPACE', 'OTHER']);
    expect(runnable.frontMatter.params.NAMESPACE).toMatchObject({ required: true, secret: false });
  });
});

describe('refuseUnrunnable', () => {
  const steps = (markdown: string): CommandStep[] => commands(parse(markdown).runbook);

  it('refuses an endless command under --yes without a timeout, not with one, not attended', async () => {
    await expect(refuseUnrunnable(steps(fence('bash', 'tail -f /var/log/x')), { unattended: true, dryRun: false })).rejects.toMatchObject({ key: 'run.endlessRefused' });
    await expect(refuseUnrunnable(steps(fence('bash { timeout=10s }', 'tail -f /var/log/x')), { unattended: true, dryRun: false })).resolves.toBeUndefined();
    await expect(refuseUnrunnable(steps(fence('bash', 'tail -f /var/log/x')), { unattended: false, dryRun: false })).resolves.toBeUndefined();
  });

  it('names the step and line bash cannot parse', async () => {
    await expect(refuseUnrunnable(steps(fence('bash { id=x }', 'echo ok\necho )')), { unattended: false, dryRun: false })).rejects.toMatchObject({ key: 'run.commandUnparsable', vars: { step: 'x', line: 2 } });
  });
});
