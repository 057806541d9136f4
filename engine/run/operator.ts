/** Who is running: `RUNBOOK_OPERATOR`, else the login name. */
import { userInfo } from 'node:os';

export function operatorName(env: NodeJS.ProcessEnv): string {
  try {
    return env.RUNBOOK_OPERATOR || userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}
