/** Paw Paw faults: rows deleted (repaired by RB-01 from the seed backup). */
import { systemContext, type Lab } from '../session.js';
import { systemStatus } from '../status.js';
import { pawpaw, pawpawSql } from '../systems/pawpaw.js';
import type { Fault } from './types.js';

async function problem(l: Lab): Promise<string | undefined> {
  const counts = await pawpaw.counts(systemContext(l, pawpaw));
  const wrong = Object.entries(pawpaw.seedCounts).filter(([t, n]) => counts[t] !== n);
  if (wrong.length) return wrong.map(([t, n]) => `${t}: ${counts[t] ?? 'missing'} rows, seed has ${n}`).join('; ');
  const s = await systemStatus(l, pawpaw);
  return s.healthy ? undefined : s.problems.join('; ');
}

export const pawpawFaults: Fault[] = [
  {
    id: 'rows-deleted',
    system: 'pawpaw',
    description: 'lab.fault.pawpawRowsDeleted',
    runbook: 'RB-01',
    async inject(l) {
      await pawpawSql(systemContext(l, pawpaw), 'DELETE FROM adoptions WHERE id = 2; DELETE FROM pets WHERE id > 4;');
    },
    check: problem,
  },
];
