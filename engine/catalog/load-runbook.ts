/**
 * One runbook file → model, step graph and diagnostics (parse + graph
 * validation), through the content-hash cache so that a warm start never
 * loads the Markdown parser. The graph is built once per load; its
 * diagnostics are among `diagnostics`, once.
 */
import { basename } from 'node:path';
import { buildGraph, type StepGraph } from '../graph/build.js';
import type { Diagnostic, Runbook } from '../model.js';
import { engineBuild } from '../version.js';
import { readCache, writeCache } from './cache.js';
import { cacheKey } from './cache-key.js';
import { readSource } from './read-source.js';

export interface LoadedRunbook {
  runbook: Runbook;
  graph: StepGraph;
  /** Problems of this file alone (parse and graph), sorted by position. */
  diagnostics: Diagnostic[];
  /** The path as shown to the user. */
  display: string;
  source: string;
}

export interface LoadOptions {
  display?: string;
  cacheDir?: string | undefined;
}

export async function loadRunbook(path: string, options: LoadOptions = {}): Promise<LoadedRunbook> {
  const display = options.display ?? path;
  const source = readSource(path, display);
  return analyzeSource(source, path, { ...options, display });
}

export async function analyzeSource(source: string, path: string, options: LoadOptions = {}): Promise<LoadedRunbook> {
  const display = options.display ?? path;
  const key = cacheKey(engineBuild(), basename(path), source);
  const cached = readCache<{ runbook: Runbook; diagnostics: Diagnostic[] }>(options.cacheDir, key);
  if (cached) {
    const runbook = { ...cached.runbook, path };
    return { runbook, graph: buildGraph(runbook, display).graph, diagnostics: cached.diagnostics.map((d) => ({ ...d, file: display })), display, source };
  }
  const { parseRunbook } = await import('../parse/parse-runbook.js');
  const parsed = parseRunbook(source, path, display);
  const { graph, diagnostics: graphDiagnostics } = buildGraph(parsed.runbook, display);
  const diagnostics = [...parsed.diagnostics, ...graphDiagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  writeCache(options.cacheDir, key, { runbook: parsed.runbook, diagnostics });
  return { runbook: parsed.runbook, graph, diagnostics, display, source };
}
