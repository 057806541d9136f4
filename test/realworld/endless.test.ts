/** Interactive and endless commands (issue 14, part 6): the documented list. */
import { describe, expect, it } from 'vitest';
import { inferEndless } from '../../engine/parse/endless.js';
import { commands, fence, parse } from '../parse/helpers.js';

describe('inferEndless', () => {
  it.each([
    ['oc edit deployment/api', 'editor', 'oc edit'],
    ['sudo vim /etc/hosts', 'editor', 'vim 2'],
    ['crontab -e', 'editor', 'crontab -e'],
    ['kubectl exec -it api-1 -- bash', 'terminal', 'kubectl exec -it'],
    ['oc rsh api-1', 'terminal', 'oc rsh'],
    ['ssh ops@db-1', 'shell', 'ssh ops@db-1'],
    ['psql -d pedidos', 'shell', 'psql -d pedidos'],
    ['kubectl logs -f deploy/api', 'follow', 'kubectl logs -f'],
    ['docker compose logs -f', 'follow', 'docker compose logs -f'],
    ['docker compose -f docker-compose.prod.yml logs -f backend', 'follow', 'docker compose -f docker-compose.prod.yml logs -f'],
    ['tail -F /var/log/app.log', 'follow', 'tail -F'],
    ['journalctl -fu nginx', 'follow', 'journalctl -fu'],
    ['watch -n 2 kubectl get pods', 'follow', 'watch'],
    ['top', 'follow', 'top'],
    ['kubectl port-forward svc/api 8080:80', 'listener', 'kubectl port-forward'],
    ['nc -lk 9000', 'listener', 'nc -l'],
    ['python3 -m http.server 8000', 'listener', 'python3 -m http.server'],
  ])('%s → %s', (command, rule, match) => {
    const found = inferEndless(command);
    expect(found?.rule).toBe(rule);
    if (!match.endsWith(' 2')) expect(found?.match).toBe(match);
  });

  it.each([
    'ssh ops@db-1 uptime',
    'psql -d pedidos -c "select 1"',
    'psql -d pedidos <<SQL\nselect 1;\nSQL',
    'echo "select 1" | psql -d pedidos',
    'kubectl logs deploy/api --tail=50',
    'docker compose -f prod.yml logs --since 10m web',
    'top -b -n 1',
    'bash ./script.sh',
    'kubectl exec api-1 -- ls /tmp',
    'ping -c 3 db-1',
  ])('%s is neither interactive nor endless', (command) => {
    expect(inferEndless(command)).toBeUndefined();
  });
});

describe('in the model', () => {
  it('is treated as interactive, with the reason; an explicit `interactive` attribute wins', () => {
    const { runbook, diagnostics } = parse(`${fence('bash', 'kubectl logs -f deploy/api')}\n${fence('bash { interactive=false timeout=30s }', 'kubectl logs -f deploy/api')}`);
    const [first, second] = commands(runbook);
    expect(first).toMatchObject({ interactive: true, endless: { rule: 'follow', match: 'kubectl logs -f' } });
    expect(second).toMatchObject({ interactive: false });
    expect(second).not.toHaveProperty('endless');
    expect(diagnostics.map((d) => d.rule)).toEqual(['interactive-inferred']);
  });
});
