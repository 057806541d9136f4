/** Risk inferred when the author is silent (issue 14, part 3): the rule table of docs/format.md. */
import { describe, expect, it } from 'vitest';
import { inferRisk } from '../../engine/parse/risk.js';
import { scanShell } from '../../engine/parse/shell-words.js';
import { brief, fence, parse } from '../parse/helpers.js';

describe('the shell word splitter', () => {
  it('honours quotes and splits at pipes, `;`, `&&`, `||` and newlines', () => {
    const scan = scanShell(`echo 'a | b' "c; d" && ls -l | wc -l; x=1 || true\nnext`);
    expect(scan.commands.map((c) => c.map((w) => w.text))).toEqual([['echo', 'a | b', 'c; d'], ['ls', '-l'], ['wc', '-l'], ['x=1'], ['true'], ['next']]);
    expect([...scan.piped]).toEqual([2]);
  });

  it('keeps here-document bodies aside and records variables with offsets', () => {
    const scan = scanShell('psql <<SQL\nselect $X;\nSQL\necho "${Y:-z}" $1');
    expect(scan.heredocs).toEqual([{ body: 'select $X;', quoted: false }]);
    expect(scan.vars.map((v) => [v.name, v.guarded])).toEqual([['X', false], ['Y', true]]);
    expect(scan.commands.map((c) => c[0]?.text)).toEqual(['psql', 'echo']);
  });
});

describe('inferRisk', () => {
  it.each([
    ['rm -rf /var/cache/app', 'removes-data', 'rm'],
    ['sudo -u postgres dropdb x; sudo rmdir /srv/old', 'removes-data', 'rmdir'],
    ['find /tmp -name "*.log" | xargs -r rm -f', 'removes-data', 'rm'],
    ['find /tmp -mtime +7 -exec shred -u {} \\;', 'removes-data', 'shred'],
    ['dd if=/dev/zero of=/dev/sdb bs=1M', 'removes-data', 'dd'],
    ['mkfs.ext4 /dev/sdb1', 'removes-data', 'mkfs.ext4'],
    ['pgrep java && pkill -9 java', 'kills-processes', 'pkill'],
    ['test -f /run/x || sudo reboot', 'powers-off', 'reboot'],
    ['systemctl stop nginx', 'stops-service', 'systemctl stop'],
    ['docker compose -f prod.yml down', 'stops-service', 'docker compose -f prod.yml down'],
    ['kubectl scale deploy/api --replicas=0 -n web', 'scale-to-zero', 'kubectl --replicas=0'],
    ['kubectl scale deploy/api --replicas 0', 'scale-to-zero', 'kubectl --replicas 0'],
    ['oc delete project demo', 'destructive-argument', 'oc delete'],
    ['kubectl drain node-1 --ignore-daemonsets', 'destructive-argument', 'kubectl drain'],
    ['docker system prune -af', 'destructive-argument', 'docker prune'],
    ['aws s3 rm s3://bucket/key --recursive', 'destructive-argument', 'aws rm'],
    ['aws ec2 terminate-instances --instance-ids i-1', 'destructive-argument', 'aws terminate-instances'],
    ['gsutil rm gs://b/o', 'destructive-argument', 'gsutil rm'],
    ['helm uninstall web', 'destructive-argument', 'helm uninstall'],
    ['git push --force origin main', 'force-flag', 'git --force'],
    ['psql -d app -c "DROP TABLE pedidos"', 'sql-destructive', 'DROP TABLE'],
    ["mysql app -e 'delete from sessions where 1'", 'sql-destructive', 'delete from'],
    ['psql -d app <<SQL\nUPDATE users SET admin = false;\nSQL', 'sql-destructive', 'UPDATE users SET'],
    ['kubectl exec db-0 -- psql -c "TRUNCATE t"', 'sql-destructive', 'TRUNCATE'],
  ])('%s → %s', (command, rule, match) => {
    expect(inferRisk(command)).toEqual({ inferred: true, rule, match });
  });

  it.each([
    'kubectl get pods -n web',
    'echo "rm -rf / is dangerous"',
    "grep -r 'delete' src/",
    'psql -d app -c "select count(*) from pedidos"',
    'apt-get update',
    'docker ps --filter status=exited',
    'tail -n 50 /var/log/syslog # then rm it by hand',
  ])('%s is not destructive', (command) => {
    expect(inferRisk(command)).toBeUndefined();
  });
});

describe('an inferred mark in the model', () => {
  it('is destructive with a reason, and lint says why as info', () => {
    const { runbook, diagnostics } = parse(`# Limpiar\n\n${fence('bash', 'kubectl delete pod api-1 -n web')}`);
    expect(runbook.steps[0]).toMatchObject({ destructive: true, risk: { inferred: true, rule: 'destructive-argument', match: 'kubectl delete' } });
    expect(brief(diagnostics)).toEqual(['3:1 info risk-inferred']);
  });

  it('`destructive=false` opts out, `destructive` keeps the author\'s word', () => {
    const { runbook, diagnostics } = parse(`${fence('bash { id=a destructive=false }', 'rm -f /tmp/x')}\n${fence('bash { id=b destructive }', 'rm -f /tmp/y')}`);
    expect(runbook.steps.map((s) => [s.id, s.kind === 'command' && s.destructive, s.kind === 'command' && s.risk])).toEqual([['a', false, undefined], ['b', true, undefined]]);
    expect(diagnostics).toEqual([]);
  });
});
