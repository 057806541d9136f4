/** Paw Paw faults: rows deleted (repaired by RB-01 from the seed backup). */
import { systemContext, type Lab } from '../session.js';
import { pawpaw, pawpawSql } from '../systems/pawpaw.js';
import { healthyProblem, seedDataProblem } from './checks.js';
import type { Fault } from './types.js';

async function problem(l: Lab): Promise<string | undefined> {
  return (await seedDataProblem(l, pawpaw)) ?? healthyProblem(l, pawpaw);
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
