/** The lab: the manuals' systems on a real Docker engine, with faults to inject. */
export { labAnswers } from './answers.js';
export { labDir } from './paths.js';
export { labEnvironment, LAB_ENVIRONMENT } from './run-env.js';
export { labSystemOf, prepareLabEnvironment } from './env-guard.js';
