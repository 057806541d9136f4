/** An exam sitting as kept in `<lab>/exam.json`: the faults injected, when, and the score once checked. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface ExamFault {
  id: string;
  system: string;
  runbook: string;
  injectedAt: string;
}

export interface FaultScore {
  id: string;
  system: string;
  runbook: string;
  repaired: boolean;
  dataIntact: boolean;
  documented: boolean;
  /** What is still wrong, when not repaired. */
  problem?: string;
  /** The run that documents the repair. */
  runId?: string;
}

export interface ExamSitting {
  seed: number;
  minutes: number;
  startedAt: string;
  endsAt: string;
  faults: ExamFault[];
  score?: { checkedAt: string; by?: 'check' | 'time-up'; late: boolean; points: number; max: number; percent: number; faults: FaultScore[] };
}

function isSitting(v: unknown): v is ExamSitting {
  if (typeof v !== 'object' || v === null) return false;
  const r: Record<string, unknown> = { ...v };
  return typeof r.seed === 'number' && typeof r.minutes === 'number' && typeof r.startedAt === 'string' && typeof r.endsAt === 'string' && Array.isArray(r.faults);
}

export function readSitting(file: string): ExamSitting | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isSitting(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

export function writeSitting(file: string, sitting: ExamSitting): void {
  writeFileSync(file, `${JSON.stringify(sitting, null, 2)}\n`);
}
