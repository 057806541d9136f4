/** The name of every runbook's lab environment (`docs/lab.md`): used only when named with `--env`. */
export const LAB_ENVIRONMENT = 'lab';
