/** The systems the lab can bring up. */
import { inatrace } from './inatrace.js';
import { pawpaw } from './pawpaw.js';
import { ticketeroApi } from './ticketero-api.js';
import type { LabSystem } from './types.js';

export const SYSTEMS: LabSystem[] = [inatrace, pawpaw, ticketeroApi];
/** The manuals' systems the lab does not provide yet. */
export const PLANNED_SYSTEMS = ['ticketera-soc'];

export function findSystem(name: string): LabSystem | undefined {
  return SYSTEMS.find((s) => s.name === name);
}
