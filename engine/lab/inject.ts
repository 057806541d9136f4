/** `lab inject FAULT [--system S]`: puts a fault in effect and records it. */
import { FailedError } from '../errors.js';
import { findFault, readInjected, writeInjected, type InjectedFault } from './faults/index.js';
import { openLab } from './session.js';
import { systemsUp } from './status.js';

export async function labInject(root: string, env: NodeJS.ProcessEnv, id: string, system: string | undefined): Promise<InjectedFault & { runbook: string }> {
  const fault = findFault(id, system);
  const l = await openLab(root, env);
  if (!systemsUp(l).some((s) => s.name === fault.system)) throw new FailedError('lab.systemNotUp', { system: fault.system });
  await fault.inject(l);
  const record = { id: fault.id, system: fault.system, injectedAt: new Date().toISOString() };
  writeInjected(l.lab.faultsFile, [...readInjected(l.lab.faultsFile).filter((f) => !(f.id === fault.id && f.system === fault.system)), record]);
  return { ...record, runbook: fault.runbook };
}
