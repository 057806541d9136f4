// The page, rendered from src/index.eta (Eta templates escape what they print with <%= %>).
import { readFileSync } from 'node:fs';
import { Eta } from 'eta';

const eta = new Eta();
const template = readFileSync(new URL('./src/index.eta', import.meta.url), 'utf8');

export function renderIndex(data) {
  return eta.renderString(template, data);
}
