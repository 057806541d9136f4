/**
 * The public library API. Pipeline: parse (Markdown → model) → graph
 * (validated step graph) → run (executor, prompts, journal) → report.
 */
export type * from './model.js';
export { parseRunbook, type ParseResult } from './parse/parse-runbook.js';
export { buildGraph, type StepGraph, type GraphEdge } from './graph/build.js';
export { toMermaid, toDot, toGraphJson } from './graph/render.js';
export { loadRunbook, analyzeSource, type LoadedRunbook } from './catalog/load-runbook.js';
export { loadCatalog, type Catalog, type CatalogEntry } from './catalog/catalog.js';
export { resolveRef } from './catalog/resolve.js';
export { searchDirs } from './catalog/search-path.js';
export { play, type PlayOptions } from './run/play.js';
export { resume, type ResumeOptions } from './run/resume.js';
export type { RunSummary } from './run/finish.js';
export type * from './run/events.js';
export type { ProcessRunner, ExecRequest, ExecResult } from './run/exec.js';
export { createExecaRunner } from './run/exec-execa.js';
export { scriptedPrompter, type Prompter } from './run/prompter.js';
export { createUi, type Ui } from './run/ui.js';
export { readJournal, parseJournal } from './run/journal-read.js';
export { createMasker, MASK } from './run/mask.js';
export { RunbookError, UsageError, LoadError, FailedError, AbortedError } from './errors.js';
export { createTranslator, type Translate } from './i18n/translate.js';
export { renderMessage, sortDiagnostics, hasErrors, type DiagnosticMessageId } from './diagnostics.js';
export { buildReportModel, type ReportModel } from './report/model.js';
export { renderReport, type ReportFormat } from './report/render.js';
export { writeReports, loadReportModel } from './report/write-reports.js';
export { maintenanceLog, type LogRow } from './report/maintenance-log.js';
