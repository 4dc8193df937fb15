// An import as GET /companies/imports/{batch_id} tells it: its figures
// while it runs (bytes received, rows read), its report once it is done.
// The page follows an import by its batch id, so a reload finds it again.
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';

export interface RowProblem {
  line: number;
  column: number;
  field: string | null;
  message: string;
}

/** A finished import (or dry run). */
export interface ImportReport {
  batch_id: string;
  mode: 'dry_run' | 'apply';
  on_conflict: string;
  /** valid, invalid (dry runs); applied, partially_applied, failed. */
  status: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  invalid: number;
  bytes: number;
  /** The first 100 refused rows; report.csv has up to 1,000. */
  errors: RowProblem[];
  report_url: string;
}

/** An import in flight. */
export interface Figures {
  status: string;
  bytes_read: number;
  bytes_expected: number | null;
  rows_read: number;
  invalid: number;
}

interface Answer {
  import: ImportReport | { batch_id: string };
  progress?: Figures;
}

const POLL_MS = 400;

/** Whether the answer is the finished import's report. */
const finished = (a: Answer): a is { import: ImportReport } => !a.progress && 'status' in a.import;

/**
 * Calls `onFigures` with the import's figures until its report exists, and
 * answers the report; undefined when the import ended without one (the
 * upload broke off) or `signal` stopped the watch. An id not known yet (the
 * upload has not reached the server) is asked again.
 */
export async function watchImport(
  ctx: TabContext,
  batch: string,
  onFigures: (f: Figures) => void,
  signal: AbortSignal,
): Promise<ImportReport | undefined> {
  while (!signal.aborted) {
    try {
      const answer = await ctx.api.get<Answer>(`/companies/imports/${encodeURIComponent(batch)}`, { signal });
      if (finished(answer)) return answer.import;
      if (answer.progress) {
        onFigures(answer.progress);
        if (answer.progress.status !== 'running') return undefined;
      }
    } catch (err) {
      if (signal.aborted || (err as { status?: number }).status !== 404) throw err;
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  return undefined;
}

/** The report of a finished import (it is recorded even when the import failed). */
export async function importReport(ctx: TabContext, batch: string): Promise<ImportReport> {
  const answer = await ctx.api.get<Answer>(`/companies/imports/${encodeURIComponent(batch)}`);
  if (!finished(answer)) throw new Error('the import has no report yet');
  return answer.import;
}

/** A batch id of the import's form (8-64 of A-Z a-z 0-9 _ -), unique enough to follow one import. */
export function newBatchId(): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  return `tab-${Date.now().toString(36)}-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * How far a running import is, 0-99: receiving the file is the first half,
 * reading and writing its rows the second. 100 is its answer's, once done.
 */
export function percentOf(f: Figures, fileSize: number): number {
  const expected = f.bytes_expected ?? fileSize;
  const share = expected > 0 ? Math.min(1, f.bytes_read / expected) : 0;
  return Math.min(99, Math.round(f.rows_read > 0 ? 50 + share * 50 : share * 50));
}
