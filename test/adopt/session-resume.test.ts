// Carried values survive a crash: after kill -9, `resume` restores what
// earlier steps' shells left (variables and the directory), and asks a
// `secret` step's values by name (under --yes: RUNBOOK_CAPTURE_<NAME>).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, until, world } from '../reliability/cli.js';

const md = (dir: string) => `---\nid: SESION\n---\n# Sesión\n\n## Preparar\n\n\`\`\`bash { id=prep }\nexport ZONA=norte\ncd "${dir}/obra"\n\`\`\`\n\n## Clave\n\n\`\`\`bash { id=clave secret }\nCLAVE="$(cat "${dir}/clave.txt")"\n\`\`\`\n\n## Esperar\n\n\`\`\`bash { id=wait }\nif [ ! -e "${dir}/started" ]; then touch "${dir}/started"; sleep 300; fi\n\`\`\`\n\n## Usar\n\n\`\`\`bash { id=use }\nprintf '%s %s %s' "$ZONA" "$CLAVE" "$PWD" > salida.txt\n\`\`\`\n`;

describe('resume restores the session', () => {
  it('carried variables and directory come back from the journal; a secret step\'s value is asked by name, never written', async () => {
    const w = world();
    try {
      mkdirSync(join(w.dir, 'obra'));
      w.file('clave.txt', 'cl-7e6d5c4b\n');
      const child = w.start(['play', w.file('sesion.md', md(w.dir)), '--yes']);
      await until(() => existsSync(join(w.dir, 'started')), 15_000, 'the wait step to start');
      child.kill('SIGKILL');
      await new Promise((done) => child.on('close', done));
      const started = w.journalOf('SESION').find((e) => e.type === 'step-process' && e.step === 'wait') as { pgid: number };
      process.kill(-started.pgid, 'SIGKILL');
      await until(() => !groupAlive(started.pgid), 5_000, 'the step group to be gone');
      expect(w.journalOf('SESION').filter((e) => e.type === 'session')).toMatchObject([
        { step: 'prep', vars: { ZONA: 'norte' }, secret: [], cwd: join(w.dir, 'obra') },
        { step: 'clave', vars: {}, secret: ['CLAVE'] },
      ]);

      const without = w.run(['resume', '--yes']);
      expect(without.code, without.stdout + without.stderr).toBe(1);
      expect(without.stderr).toContain('step use needs CLAVE');

      const given = w.run(['resume', '--yes'], { RUNBOOK_CAPTURE_CLAVE: 'cl-7e6d5c4b' });
      expect(given.code, given.stdout + given.stderr).toBe(0);
      expect(readFileSync(join(w.dir, 'obra', 'salida.txt'), 'utf8')).toBe(`norte cl-7e6d5c4b ${join(w.dir, 'obra')}`);
      expect(w.stateFiles().some((f) => f.text.includes('cl-7e6d5c4b'))).toBe(false);
    } finally {
      w.cleanup();
    }
  });
});
