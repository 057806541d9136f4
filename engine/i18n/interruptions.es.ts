/** Mensajes sobre detenciones, terminales perdidos y pasos de seguridad omitidos, en español. */
import type { interruptionsEn } from './interruptions.en.js';

export const interruptionsEs: Record<keyof typeof interruptionsEn, string> = {
  'run.status.stopped': 'Ejecución DETENIDA por {{signal}} tras {{duration}} (sin terminar, se puede reanudar)',
  'run.resumeHint': '`runbook resume {{runId}}` continúa desde aquí.',
  'run.terminalLost': 'se perdió el terminal ({{signal}}): el paso en curso termina y después la ejecución se detiene, reanudable',
  'run.terminalLostUnattended': 'se perdió el terminal ({{signal}}): la ejecución sigue hasta el final (--yes); la salida queda en los registros de cada paso',
  'run.stoppedWhileAway': 'La ejecución se detuvo por {{signal}} a las {{at}}.',
  'run.finishedWhileAway': 'Mientras nadie miraba, el paso {{step}} terminó: {{status}}{{exit}}. Su salida: {{log}}',
  'run.unfinishedExists': 'existe una ejecución sin terminar de este runbook y entorno: {{runId}} (`runbook resume {{runId}}` la continúa)',
  'prompt.resumeInstead': '¿Reanudar esa ejecución en lugar de empezar una nueva?',
  'reason.terminalLost': 'se perdió el terminal ({{signal}}); la ejecución desatendida sigue hasta el final',
  'reason.ctrlCAtPrompt': 'Ctrl+C en una pregunta (equivale a Abortar)',
  'reason.safetyMissing': 'el paso {{step}} depende de un paso que no se ejecutó: {{missing}}',
  'prompt.safetyMissing': 'Un paso de seguridad no se ejecutó. ¿Qué hacemos?',
  'choice.runMissing': 'Ejecutar {{step}} ahora',
  'choice.override': 'Seguir sin él (escriba el id del paso)',
  'prompt.override': 'Escriba {{step}} para ejecutarlo sin su paso de seguridad',
  'prompt.overrideWrong': 'escriba exactamente {{step}}',
  'error.safetyLeftOut': 'la selección deja fuera pasos de los que otros dependen (paso ← lo que necesita): {{steps}}. Inclúyalos (sin --from/--only/--until) o ejecute en modo interactivo para decidir paso a paso',
  'error.resumeRunbookGone': 'el runbook {{path}} de esta ejecución ya no existe; resume ejecuta el runbook tal como está en disco (la copia del diario tiene los secretos enmascarados), así que no puede continuar. Restaure el archivo o empiece una ejecución nueva',
  'error.resumeRunbookInvalid': 'el runbook {{file}} tiene ahora {{count}} error(es), así que la ejecución no puede continuar; el primero: {{first}}',
  'run.stepsAdded': 'pasos añadidos al runbook desde que empezó la ejecución: {{steps}}',
  'prompt.stepsAdded': '¿Ejecutar los pasos añadidos desde que empezó la ejecución?',
  'reason.addedSinceStart': 'añadido al runbook después de empezar la ejecución; no se ejecutó (resume --yes)',
} as const;
