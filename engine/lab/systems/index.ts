/** The systems the lab can bring up. */
import { inatrace } from './inatrace.js';
import { pawpaw } from './pawpaw.js';
import { ticketeraSoc } from './ticketera-soc.js';
import type { LabSystem } from './types.js';

export const SYSTEMS: LabSystem[] = [inatrace, pawpaw, ticketeraSoc];
/** The manuals' systems the lab does not provide yet. */
export const PLANNED_SYSTEMS = ['ticketero-api'];

export function findSystem(name: string): LabSystem | undefined {
  return SYSTEMS.find((s) => s.name === name);
}
