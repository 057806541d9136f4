/** The systems the lab can bring up. */
import { inatrace } from './inatrace.js';
import type { LabSystem } from './types.js';

export const SYSTEMS: LabSystem[] = [inatrace];
/** The manuals' systems the lab does not provide yet. */
export const PLANNED_SYSTEMS = ['pawpaw', 'ticketera-soc', 'ticketero-api'];

export function findSystem(name: string): LabSystem | undefined {
  return SYSTEMS.find((s) => s.name === name);
}
