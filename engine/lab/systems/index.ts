/** The systems the lab can bring up. */
import { inatrace } from './inatrace.js';
import { pawpaw } from './pawpaw.js';
import { ticketeraSoc } from './ticketera-soc.js';
import { ticketeroApi } from './ticketero-api.js';
import type { LabSystem } from './types.js';

export const SYSTEMS: LabSystem[] = [inatrace, pawpaw, ticketeraSoc, ticketeroApi];

export function findSystem(name: string): LabSystem | undefined {
  return SYSTEMS.find((s) => s.name === name);
}
