/**
 * The public library API. Pipeline: parse (Markdown → model) → graph
 * (validated step graph) → catalog → lint → journal → process → run
 * (loop, prompts, screen) → report.
 */
export type * from './model.js';
export { MASK } from './model.js';
export { parseRunbook, type ParseResult } from './parse/parse-runbook.js';
export { buildGraph, type StepGraph, type GraphEdge } from './graph/build.js';
export { toMermaid, toDot, toGraphJson } from './graph/render.js';
export { loadRunbook, analyzeSource, type LoadedRunbook } from './catalog/load-runbook.js';
export { loadCatalog, type Catalog, type CatalogEntry } from './catalog/catalog.js';
export { resolveRef } from './catalog/resolve.js';
export { searchDirs } from './catalog/search-path.js';
export { lintFiles, type LintResult, type LintTarget } from './lint.js';
export type * from './journal/events.js';
export { readJournal, parseJournal } from './journal/read.js';
export { loadRun, type LoadedRun } from './journal/load.js';
export { foldEvents, type RunState, type AttemptRecord } from './journal/fold.js';
export type { ProcessRunner, ExecRequest, ExecResult } from './process/runner.js';
export { createProcessRunner } from './process/spawn.js';
export { play, type PlayOptions } from './run/start.js';
export { resume, type ResumeOptions } from './run/resume.js';
export type { RunOptions } from './run/options.js';
export { stopControl, type Attendance, type StopControl } from './run/context.js';
export type { RunSummary } from './run/finish.js';
export { scriptedPrompter, type Prompter } from './run/operator/prompter.js';
export { createUi, type Ui } from './run/operator/ui.js';
export { createMasker } from './run/mask.js';
export { RunbookError, UsageError, LoadError, FailedError, AbortedError } from './errors.js';
export { createTranslator, type Translate } from './i18n/translate.js';
export { renderMessage, sortDiagnostics, hasErrors, type DiagnosticMessageId } from './diagnostics.js';
export { buildReportModel, type ReportModel } from './report/model.js';
export { renderReport, type ReportFormat } from './report/render.js';
export { writeReports, loadReportModel } from './report/write-reports.js';
export { maintenanceLog, type LogRow } from './report/maintenance-log.js';
