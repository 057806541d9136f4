// Generated inputs for the benchmarks: a 200-step runbook and 1,000 realistic runbooks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function trivialSteps(file, count) {
  const blocks = Array.from({ length: count }, (_, i) => `## Paso ${i + 1}\n\n\`\`\`bash\ntrue\n\`\`\`\n`);
  writeFileSync(file, `# ${count} pasos triviales\n\n${blocks.join('\n')}`);
}

/** `bytes` of output from one step, with a secret param and a `mask:` pattern, so every byte goes through the masker. */
export function bigOutput(file, bytes) {
  writeFileSync(file, `---\nid: BIG\nparams:\n  TOKEN:\n    secret: true\nmask:\n  - "tok-[a-z0-9]{12}"\n---\n# Salida grande\n\n\`\`\`bash\nhead -c ${bytes} /dev/zero\n\`\`\`\n`);
}

/** ~100 lines and 10 steps each, with front matter, params, alerts, a task list and an expect block. */
export function realisticRunbooks(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < count; n++) {
    const steps = Array.from({ length: 10 }, (_, i) => {
      const attrs = i === 3 ? ' { destructive timeout=60s }' : i === 5 ? ' { wait=2m interval=5s }' : i === 7 ? ` { capture=VALUE_${i} }` : '';
      return `### Paso ${i + 1}: verificar servicio ${i}\n\nComprobar que el servicio ${i} responde antes de continuar con el siguiente paso.\n\n\`\`\`bash${attrs}\ncurl -fsS "http://localhost:80${i}/health" | jq -r .status\n\`\`\`\n`;
    });
    const text = `---
id: BENCH-${String(n).padStart(4, '0')}
title: Runbook de prueba ${n}
aliases: [bench-${n}]
severity: medium
tags: [bench, dia-${(n % 5) + 1}]
estimated: 15m
lang: es
params:
  SERVICE:
    description: Nombre del servicio
    default: backend
environments:
  staging: { default: true, vars: { HOST: staging.local } }
  production: { protected: true, vars: { HOST: prod.local } }
---
# Runbook de prueba ${n}

> [!WARNING]
> Este procedimiento reinicia servicios.

${steps.join('\n')}
- [ ] Notificar al equipo

\`\`\`text {expect=contains}
UP
\`\`\`
`;
    writeFileSync(join(dir, `bench-${n}.md`), text.replace('- [ ] Notificar al equipo\n\n```text {expect=contains}\nUP\n```\n', '- [ ] Notificar al equipo\n'));
  }
}
