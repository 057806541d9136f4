/** Messages of the shared lock directory, damaged journals and missing reports, in English. */
export const hardeningEn = {
  'error.lockDirNotDir': 'the lock directory {{dir}} is not a directory (a symbolic link is never followed); remove it or set RUNBOOK_LOCK_DIR',
  'error.lockDirForeign': 'the lock directory {{dir}} belongs to user {{owner}}, who could remove anyone\'s lock: it is not trusted. Have root own it (or remove it), or set RUNBOOK_LOCK_DIR',
  'error.lockDirNotSticky': 'the lock directory {{dir}} can be written by other users but is not sticky (mode {{mode}}): anyone could remove a lock. Make it mode 1777 or set RUNBOOK_LOCK_DIR',
  'error.lockTakeoverStuck': 'a takeover of this lock was left unfinished by user {{owner}} (its engine is gone): {{file}}; check no run is in progress, then use --force',
  'error.lockForeign': 'the lock {{file}} belongs to user {{owner}} and its run is over, but only {{owner}} or root can remove it; ask them, or use --force as root',
  'runs.damaged': 'damaged: {{reason}}',
  'runs.emptyJournal': 'empty journal (stopped before its first event)',
  'runs.reportsMissing': 'reports missing: runbook report {{runId}}',
  'log.leftOut': 'not in the log, their journal is damaged or empty (see runbook runs): {{runs}}',
  'damage.line': 'line {{line}} is not a journal event',
  'damage.noStart': 'no run-started event',
  'damage.unreadable': 'the journal cannot be read ({{reason}})',
} as const;
