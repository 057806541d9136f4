/**
 * The cache key of one runbook's text: SHA-256 of the parse schema, the engine version, the
 * file's name and its text. Apart from `cache.ts` so that a warm command that reads no runbook
 * (`list`, through the catalog in brief) does not load `node:crypto`.
 */
import { createHash } from 'node:crypto';

/** Bump when the shape of a cached parse result changes. */
const SCHEMA = 'parse-v13';

export function cacheKey(version: string, name: string, source: string): string {
  return createHash('sha256').update(`${SCHEMA}\0${version}\0${name}\0`).update(source).digest('hex');
}
