/** A kind of fault the lab can inject, the runbook that repairs it, and the check that says it is repaired. */
import type { MessageKey } from '../../i18n/en.js';
import type { Lab } from '../session.js';

export interface Fault {
  id: string;
  system: string;
  description: MessageKey;
  /** Id of the runbook that repairs it. */
  runbook: string;
  /** Files (relative to the system's folder) the fault leaves behind; `reset` removes them. */
  leaves?: string[];
  /** Returns once the fault is in effect. */
  inject(l: Lab): Promise<void>;
  /** Undefined when repaired; what is still wrong otherwise. */
  check(l: Lab): Promise<string | undefined>;
}
