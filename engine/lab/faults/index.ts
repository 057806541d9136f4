/** Every fault the lab can inject, and the record of those in effect (`faults.json`). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { inatraceFaults } from './inatrace.js';
import { pawpawFaults } from './pawpaw.js';
import { ticketeraSocFaults } from './ticketera-soc.js';
import { ticketeroApiFaults } from './ticketero-api.js';
import type { Fault } from './types.js';

export const FAULTS: Fault[] = [...inatraceFaults, ...pawpawFaults, ...ticketeraSocFaults, ...ticketeroApiFaults];

export interface InjectedFault {
  id: string;
  system: string;
  injectedAt: string;
}

/** The faults with this id (in this system, when given). */
export function faultsNamed(id: string, system: string | undefined): Fault[] {
  return FAULTS.filter((f) => f.id === id && (system === undefined || f.system === system));
}

export function findFault(id: string, system: string | undefined): Fault {
  const matches = faultsNamed(id, system);
  if (matches.length === 0) {
    const known = [...new Set(FAULTS.filter((f) => system === undefined || f.system === system).map((f) => f.id))].join(', ');
    throw new UsageError('lab.unknownFault', { fault: id, faults: known || '—' });
  }
  const [first] = matches;
  if (matches.length > 1 || !first) throw new UsageError('lab.faultNeedsSystem', { fault: id, systems: matches.map((f) => f.system).join(', ') });
  return first;
}

function isInjected(v: unknown): v is InjectedFault {
  if (typeof v !== 'object' || v === null) return false;
  const r: Record<string, unknown> = { ...v };
  return typeof r.id === 'string' && typeof r.system === 'string' && typeof r.injectedAt === 'string';
}

export function readInjected(file: string): InjectedFault[] {
  if (!existsSync(file)) return [];
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(data) ? data.filter(isInjected) : [];
  } catch {
    return [];
  }
}

export function writeInjected(file: string, faults: InjectedFault[]): void {
  writeFileSync(file, `${JSON.stringify(faults, null, 2)}\n`);
}
