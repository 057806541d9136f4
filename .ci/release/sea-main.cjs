'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a single executable's entry is one CommonJS script that can require only built-ins */
/* global require */
// Entry point of the single executable (Node SEA). The executable carries the release package
// (package.json, dist/, the production node_modules/, runbooks/, templates/) as the asset
// `payload` (gzip) with its table of contents in `files.json`, and what each start needs in
// `runbook.json` (version, checksum, entry; a few bytes to parse). The first run extracts it into
// a private cache folder named by version and content hash (written to a temporary folder and
// renamed into place, so a half-written copy is never used); every run then imports the ESM CLI
// from there. Built by `.ci/release/build.mjs`.
const sea = require('node:sea');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** @type {{ version: string, sha256: string, entry: string }} */
const manifest = JSON.parse(sea.getAsset('runbook.json', 'utf8'));
const STALE_MS = 60 * 60 * 1000;

/** `RUNBOOK_CACHE_DIR`, else `$XDG_CACHE_HOME/runbook` (as the parse cache), then `sea/`. */
function cacheBase(env) {
  const cache = env.RUNBOOK_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'runbook');
  return path.join(cache, 'sea');
}

/** Refuses a folder another user could write into: code is loaded from it. */
function assertPrivate(dir) {
  const stat = fs.lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a folder owned by you and writable only by you (chmod 700 it, or set RUNBOOK_CACHE_DIR)`);
  }
}

/** Temporary folders left by a run killed while unpacking, an hour or more ago. */
function removeStaleTemporaries(base) {
  for (const name of fs.readdirSync(base)) {
    if (!name.startsWith('.tmp-')) continue;
    const dir = path.join(base, name);
    if (Date.now() - fs.lstatSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function extract(base, target) {
  // Only the first run needs these.
  const { createHash } = require('node:crypto');
  const zlib = require('node:zlib');
  removeStaleTemporaries(base);
  /** @type {[string, number, number, number][]} path, mode, offset, size */
  const table = sea.getAsset('files.json', 'utf8');
  const files = JSON.parse(table);
  const data = zlib.gunzipSync(Buffer.from(sea.getRawAsset('payload')));
  if (createHash('sha256').update(table).update(data).digest('hex') !== manifest.sha256) throw new Error('the embedded package is damaged (checksum mismatch)');
  const tmp = fs.mkdtempSync(path.join(base, `.tmp-${path.basename(target)}-`));
  const made = new Set([tmp]);
  try {
    for (const [rel, mode, offset, size] of files) {
      const file = path.resolve(tmp, rel);
      if (!file.startsWith(tmp + path.sep)) throw new Error(`bad path in the embedded package: ${rel}`);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        made.add(dir);
      }
      fs.writeFileSync(file, data.subarray(offset, offset + size), { mode: mode & 0o100 ? 0o700 : 0o600 });
    }
    try {
      fs.renameSync(tmp, target);
    } catch (error) {
      // Another run extracted the same package first: use its copy.
      if (error.code !== 'EEXIST' && error.code !== 'ENOTEMPTY') throw error;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

function packageDir() {
  const base = cacheBase(process.env);
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  assertPrivate(base);
  const target = path.join(base, `${manifest.version}-${manifest.sha256.slice(0, 16)}`);
  if (fs.existsSync(target)) {
    assertPrivate(target);
    if (fs.existsSync(path.join(target, manifest.entry))) return target;
    fs.rmSync(target, { recursive: true, force: true }); // an incomplete copy (a cache cleaner took files)
  }
  extract(base, target);
  return target;
}

let entry;
try {
  entry = path.join(packageDir(), manifest.entry);
} catch (error) {
  process.stderr.write(`runbook: cannot unpack the single executable: ${error.message}\n`);
  process.exitCode = 1;
}
if (entry !== undefined) {
  import(pathToFileURL(entry).href).catch((error) => {
    process.stderr.write(`runbook: ${error.stack || error}\n`);
    process.exitCode = 1;
  });
}
