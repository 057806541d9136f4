/** `lab inject FAULT [--system S]`: puts a fault in effect and records it. */
import { FailedError } from '../errors.js';
import { faultsNamed, findFault, readInjected, writeInjected, type InjectedFault } from './faults/index.js';
import { openLab } from './session.js';
import { systemsUp } from './status.js';

/**
 * A fault that exists in several systems needs `--system`, unless only one of
 * those systems is up: then it is that one (`lab inject db-down` with only
 * INATrace up).
 */
export async function labInject(root: string, env: NodeJS.ProcessEnv, id: string, system: string | undefined): Promise<InjectedFault & { runbook: string }> {
  const candidates = faultsNamed(id, system);
  const l = system === undefined && candidates.length > 1 ? await openLab(root, env).catch(() => undefined) : undefined;
  const up = l ? systemsUp(l).map((s) => s.name) : undefined;
  const fault = findFault(id, system ?? onlyUp(candidates, up));
  const lab = l ?? (await openLab(root, env));
  if (!systemsUp(lab).some((s) => s.name === fault.system)) throw new FailedError('lab.systemNotUp', { system: fault.system });
  await fault.inject(lab);
  const record = { id: fault.id, system: fault.system, injectedAt: new Date().toISOString() };
  writeInjected(lab.lab.faultsFile, [...readInjected(lab.lab.faultsFile).filter((f) => !(f.id === fault.id && f.system === fault.system)), record]);
  return { ...record, runbook: fault.runbook };
}

/** The system of the one candidate whose system is up; undefined when none or several are. */
function onlyUp(candidates: { system: string }[], up: string[] | undefined): string | undefined {
  const running = up ? candidates.filter((f) => up.includes(f.system)) : [];
  return running.length === 1 ? running[0]?.system : undefined;
}
