/** Mensajes del directorio de bloqueos compartido, diarios dañados e informes que faltan, en español. */
import type { hardeningEn } from './hardening.en.js';

export const hardeningEs: Record<keyof typeof hardeningEn, string> = {
  'error.lockDirNotDir': 'el directorio de bloqueos {{dir}} no es un directorio (nunca se sigue un enlace simbólico); elimínelo o defina RUNBOOK_LOCK_DIR',
  'error.lockDirForeign': 'el directorio de bloqueos {{dir}} pertenece al usuario {{owner}}, que podría borrar el bloqueo de cualquiera: no es de confianza. Haga que sea de root (o elimínelo), o defina RUNBOOK_LOCK_DIR',
  'error.lockDirNotSticky': 'otros usuarios pueden escribir en el directorio de bloqueos {{dir}} pero no tiene el bit sticky (modo {{mode}}): cualquiera podría borrar un bloqueo. Póngale el modo 1777 o defina RUNBOOK_LOCK_DIR',
  'error.lockTakeoverStuck': 'el usuario {{owner}} dejó a medias la toma de este bloqueo (su motor ya no existe): {{file}}; compruebe que no hay ninguna ejecución en curso y use --force',
  'error.lockForeign': 'el bloqueo {{file}} pertenece al usuario {{owner}} y su ejecución terminó, pero solo {{owner}} o root pueden eliminarlo; pídaselo, o use --force como root',
  'runs.damaged': 'dañado: {{reason}}',
  'runs.emptyJournal': 'diario vacío (se detuvo antes de su primer evento)',
  'runs.reportsMissing': 'faltan los informes: runbook report {{runId}}',
  'log.leftOut': 'no están en la bitácora porque su diario está dañado o vacío (vea runbook runs): {{runs}}',
  'damage.line': 'la línea {{line}} no es un evento del diario',
  'damage.noStart': 'no hay evento run-started',
  'damage.unreadable': 'no se puede leer el diario ({{reason}})',
};
