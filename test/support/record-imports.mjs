// Loaded with `node --import`: appends every module URL the process loads to
// $RECORD_IMPORTS, so tests can check what a command loads (lazy loading).
import { register } from 'node:module';

register(`data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(process.env.RECORD_IMPORTS)}, url + '\\n');
  return next(url, context);
}`)}`);
