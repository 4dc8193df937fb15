// The CSV import (route import): a file picked or dropped, its first lines
// previewed with the columns matched by name, what to do with domains the
// catalog has, a dry run first (its report paged and downloadable), then
// the import with a progress bar fed by the import's progress route. The
// batch id is in the URL, so a reload follows the same import. The file is
// sent as it is (the browser streams it from disk), never read whole.
// Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  navigate,
  problemOf,
  setUnsaved,
  toast,
  type Problem,
  type TabContext,
} from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import { alertOf } from '../../../common/ui/src/page-parts.js';
import { IMPORT_COLUMNS, previewOf, type Preview } from './csv-preview.js';
import { importReport, newBatchId, percentOf, watchImport, type Figures, type ImportReport } from './import-watch.js';
import { byteSize, limits, listUrl, mayChange } from './shared.js';

type OnConflict = 'skip' | 'update' | 'fail';

const CONFLICTS: readonly [OnConflict, string, string][] = [
  ['skip', 'Skip them', 'A row whose domain the catalog has is left out; the company stays as it is.'],
  ['update', 'Update them', 'The company is changed to what the row says; a row that changes nothing counts as unchanged.'],
  ['fail', 'Refuse them', 'Such a row is reported as an error, like a bad row.'],
];
const ERRORS_PER_PAGE = 20;
const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** The import running now. */
interface Running {
  batch: string;
  /** null for an import followed after a reload, until its report tells. */
  mode: 'dry_run' | 'apply' | null;
  percent: number;
  figures: Figures | null;
}

class ImportPage extends LitElement {
  static properties = {
    context: { attribute: false },
    file: { state: true },
    preview: { state: true },
    fileError: { state: true },
    onConflict: { state: true },
    dryRun: { state: true },
    result: { state: true },
    running: { state: true },
    problem: { state: true },
    errorPage: { state: true },
    limit: { state: true },
    dragging: { state: true },
  };
  declare context?: TabContext;
  declare file: File | null;
  declare preview: Preview | null;
  /** Why the file cannot be sent (over the limit, not CSV), said beside the picker. */
  declare fileError: string;
  declare onConflict: OnConflict;
  /** The dry run of this file with this choice, once done. */
  declare dryRun: ImportReport | null;
  /** The import applied, once done. */
  declare result: ImportReport | null;
  declare running: Running | null;
  declare problem: Problem | null;
  /** The page of the report's rows shown, from 0. */
  declare errorPage: number;
  /** The tenant's largest upload, in bytes (null until known). */
  declare limit: number | null;
  declare dragging: boolean;

  #started = false;
  /** The batch this page follows: a context with the same batch in its URL is this one. */
  #batch = '';
  #watch?: AbortController;

  constructor() {
    super();
    this.file = null;
    this.preview = null;
    this.fileError = '';
    this.onConflict = 'skip';
    this.dryRun = null;
    this.result = null;
    this.running = null;
    this.problem = null;
    this.errorPage = 0;
    this.limit = null;
    this.dragging = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx || !mayChange(ctx, 'companies.import')) return;
    if (!this.#started) {
      this.#started = true;
      void limits(ctx).then((l) => (this.limit = l.import_max_bytes));
    }
    // A batch in the URL that this page does not follow yet (a reload, a shared link): follow it.
    const batch = ctx.route.query.get('batch') ?? '';
    if (batch && batch !== this.#batch) void this.followBatch(batch);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#watch?.abort();
  }

  /** Shows the import `batch` as it runs and its report once done, without the file (a reload). */
  private async followBatch(batch: string) {
    const ctx = this.context!;
    this.#batch = batch;
    this.#watch?.abort();
    const watch = (this.#watch = new AbortController());
    this.running = { batch, mode: null, percent: 0, figures: null };
    try {
      const report = await watchImport(ctx, batch, (f) => this.progress(batch, f), watch.signal);
      if (watch.signal.aborted || batch !== this.#batch) return;
      this.running = null;
      if (!report) this.problem = { message: 'This import stopped before the whole file arrived; nothing was imported.' };
      else this.show(report);
    } catch (err) {
      if (watch.signal.aborted || batch !== this.#batch) return;
      this.running = null;
      this.problem = problemOf(err);
    }
  }

  private progress(batch: string, f: Figures) {
    const r = this.running;
    if (!r || r.batch !== batch) return;
    // Never backwards: the rows are read from the received file's start again.
    this.running = { ...r, figures: f, percent: Math.max(r.percent, percentOf(f, this.file?.size ?? 0)) };
  }

  private show(report: ImportReport) {
    this.errorPage = 0;
    if (report.mode === 'dry_run') {
      this.dryRun = report;
      this.onConflict = report.on_conflict as OnConflict;
    } else this.result = report;
  }

  private async choose(file: File | undefined) {
    if (!file || this.busy()) return;
    this.file = file;
    this.preview = null;
    this.dryRun = null;
    this.result = null;
    this.running = null;
    this.problem = null;
    this.fileError = '';
    // Refused before a byte is sent, with the limit named.
    if (this.limit !== null && file.size > this.limit)
      this.fileError = `${file.name} is ${byteSize(file.size)}; this tenant imports files up to ${byteSize(this.limit)}.`;
    else if (file.size === 0) this.fileError = `${file.name} is empty.`;
    try {
      this.preview = await previewOf(file);
    } catch (err) {
      this.fileError = problemOf(err).message;
    }
  }

  private drop(e: DragEvent) {
    e.preventDefault();
    this.dragging = false;
    void this.choose(e.dataTransfer?.files[0]);
  }

  private setConflict(value: OnConflict) {
    this.onConflict = value;
    // The dry run counted for the other choice.
    if (this.dryRun && this.dryRun.on_conflict !== value) this.dryRun = null;
  }

  /** Sends the file: a dry run, or the import itself. */
  private async send(mode: 'dry_run' | 'apply') {
    const ctx = this.context!;
    const file = this.file;
    if (!file || this.busy()) return;
    const batch = newBatchId();
    this.#batch = batch;
    this.#watch?.abort();
    const watch = (this.#watch = new AbortController());
    this.problem = null;
    if (mode === 'apply') this.result = null;
    this.running = { batch, mode, percent: 0, figures: null };
    // The URL names the batch, so that a reload follows it.
    navigate(this, `${ctx.route.tab}/import?batch=${batch}`, { replace: true });
    setUnsaved(this, true);
    void watchImport(ctx, batch, (f) => this.progress(batch, f), watch.signal).catch(() => {});
    const query = {
      mode,
      on_conflict: this.onConflict,
      batch_id: batch,
      // The rows the dry run refused are left out, not the whole file: the user saw them and chose to go on.
      all_or_nothing: mode === 'apply' && (this.dryRun?.invalid ?? 0) > 0 ? 'false' : undefined,
    };
    let report: ImportReport | undefined;
    try {
      report = (await ctx.api.request<{ import: ImportReport }>('POST', '/companies/import', { raw: file, query })).body
        .import;
    } catch (err) {
      // A refused apply (422 import_failed) is recorded with its report; anything else is said as it is.
      report = (err as { code?: string }).code === 'import_failed' ? await importReport(ctx, batch).catch(() => undefined) : undefined;
      if (!report) this.problem = problemOf(err);
    } finally {
      watch.abort();
      setUnsaved(this, false);
    }
    if (batch !== this.#batch) return;
    this.running = report ? { batch, mode, percent: 100, figures: this.running?.figures ?? null } : null;
    if (!report) return;
    this.show(report);
    if (mode === 'apply') toast(this, `Import finished: ${report.created.toLocaleString()} created, ${report.updated.toLocaleString()} updated.`, 'success');
  }

  private pickFile() {
    return html`<section class="th-card section" aria-labelledby="import-file-title">
      <h2 id="import-file-title">1. The file</h2>
      <div
        class="drop ${this.dragging ? 'dragging' : ''}"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.drop}
      >
        <label for="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          ?disabled=${this.busy()}
          aria-invalid=${this.fileError ? 'true' : nothing}
          aria-describedby="import-file-hint${this.fileError ? ' import-file-error' : ''}"
          @change=${(e: Event) => this.choose((e.target as HTMLInputElement).files?.[0])}
        />
        <p class="th-hint" id="import-file-hint">
          Or drop it here. The columns are the export's (${IMPORT_COLUMNS.length} in all; name and domain are
          required)${this.limit !== null ? `; up to ${byteSize(this.limit)}` : ''}.
        </p>
      </div>
      ${this.fileError ? html`<p class="th-error" id="import-file-error" role="alert">${this.fileError}</p>` : nothing}
      ${this.file && this.preview ? this.previewTable(this.file, this.preview) : nothing}
    </section>`;
  }

  private previewTable(file: File, p: Preview) {
    return html`<p>${file.name}, ${byteSize(file.size)}. The first lines:</p>
      ${p.problems.length
        ? html`<div class="th-alert th-alert-error" role="alert">
            <p>The import would refuse this file:</p>
            <ul>
              ${p.problems.map((m) => html`<li>${m}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="th-table-wrap preview" tabindex="0" role="region" aria-label="The file's first lines">
        <table class="th-table">
          <caption class="th-visually-hidden">The file's first lines</caption>
          <thead>
            <tr>
              ${p.header.map(
                (name) => html`<th scope="col">
                  ${name}
                  ${KNOWN.has(name)
                    ? html`<span class="th-visually-hidden">(known column)</span>`
                    : html`<span class="th-badge th-badge-danger">unknown</span>`}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${p.rows.map(
              (row) => html`<tr>
                ${row.map((cell) => html`<td><span class="th-truncate">${cell}</span></td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private conflicts() {
    return html`<fieldset class="th-card section conflicts" ?disabled=${this.busy()}>
      <legend>2. Companies the catalog has already (same domain)</legend>
      ${CONFLICTS.map(
        ([value, label, hint]) => html`<div class="choice">
          <input
            type="radio"
            name="on-conflict"
            id="conflict-${value}"
            .checked=${this.onConflict === value}
            aria-describedby="conflict-${value}-hint"
            @change=${() => this.setConflict(value)}
          />
          <label for="conflict-${value}">${label}</label>
          <span class="th-hint" id="conflict-${value}-hint">${hint}</span>
        </div>`,
      )}
    </fieldset>`;
  }

  /** Whether what runs has finished (its bar stays at 100%). */
  private isDone() {
    return this.running?.percent === 100;
  }

  /** Whether an import or a dry run is on its way. */
  private busy() {
    return Boolean(this.running) && !this.isDone();
  }

  private progressBar(r: Running) {
    const f = r.figures;
    const what = r.mode === 'dry_run' ? 'Checking' : r.mode === 'apply' ? 'Importing' : 'Import';
    const detail = this.isDone()
      ? 'Done.'
      : !f
        ? 'Starting…'
        : f.rows_read > 0
          ? `${f.rows_read.toLocaleString()} rows read${f.invalid ? `, ${f.invalid.toLocaleString()} refused` : ''}.`
          : `${byteSize(f.bytes_read)}${f.bytes_expected ? ` of ${byteSize(f.bytes_expected)}` : ''} received.`;
    return html`<div class="import-progress">
      <label for="import-progress">${what}: ${r.percent}%</label>
      <progress id="import-progress" max="100" .value=${r.percent}>${r.percent}%</progress>
      <p class="th-hint" role="status">${detail}</p>
    </div>`;
  }

  private counts(r: ImportReport) {
    const figures: [string, number][] = [
      ['Rows read', r.rows],
      [r.mode === 'dry_run' ? 'Would be created' : 'Created', r.created],
      [r.mode === 'dry_run' ? 'Would be updated' : 'Updated', r.updated],
      ['Unchanged', r.unchanged],
      ['Skipped', r.skipped],
      ['Refused', r.invalid],
    ];
    return html`<dl class="counts">
      ${figures.map(([label, n]) => html`<div><dt>${label}</dt><dd data-count=${label}>${n.toLocaleString()}</dd></div>`)}
    </dl>`;
  }

  private errorList(r: ImportReport) {
    if (!r.errors.length) return nothing;
    const ctx = this.context!;
    const pages = Math.ceil(r.errors.length / ERRORS_PER_PAGE);
    const page = Math.min(this.errorPage, pages - 1);
    const first = page * ERRORS_PER_PAGE;
    const shown = r.errors.slice(first, first + ERRORS_PER_PAGE);
    return html`<h3>Refused rows</h3>
      <div class="th-table-wrap">
        <table class="th-table th-stack">
          <caption class="th-visually-hidden">Refused rows, by line</caption>
          <thead>
            <tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr>
          </thead>
          <tbody>
            ${shown.map(
              (e) => html`<tr>
                <td data-label="Line" class="th-num">${e.line.toLocaleString()}</td>
                <td data-label="Column">${e.column}${e.field ? html` <span class="th-hint">(${e.field})</span>` : nothing}</td>
                <td data-label="Problem">${e.message}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="th-toolbar pages">
        <p class="th-grow th-hint">
          Rows ${first + 1}–${first + shown.length} of ${r.errors.length.toLocaleString()}${r.invalid > r.errors.length
            ? ` shown here (${r.invalid.toLocaleString()} refused in all; the report has up to 1,000)`
            : ''}.
        </p>
        <button type="button" class="th-btn" ?disabled=${page === 0} @click=${() => (this.errorPage = page - 1)}>
          Previous
        </button>
        <button type="button" class="th-btn" ?disabled=${page >= pages - 1} @click=${() => (this.errorPage = page + 1)}>
          Next
        </button>
      </div>
      <p>
        <!-- A plain download, like the export: the browser saves the CSV itself. -->
        <a class="th-btn" href="${ctx.tenant.base}api/v1/${r.report_url}" download="import-${r.batch_id}-report.csv"
          >Download the report (CSV)</a
        >
      </p>`;
  }

  private dryRunSection() {
    const d = this.dryRun;
    const ready = Boolean(this.file && this.preview && !this.preview.problems.length && !this.fileError);
    const good = d ? d.rows - d.invalid : 0;
    return html`<section class="th-card section" aria-labelledby="import-check-title">
      <h2 id="import-check-title">3. Check, then import</h2>
      ${d
        ? html`<p>
              ${d.invalid
                ? `The dry run refused ${d.invalid.toLocaleString()} of ${d.rows.toLocaleString()} rows. Nothing was changed.`
                : `The dry run found every row good. Nothing was changed.`}
            </p>
            ${this.counts(d)} ${this.errorList(d)}`
        : html`<p class="th-hint">A dry run reads the whole file and reports every bad row; it changes nothing.</p>`}
      <div class="th-toolbar">
        <button type="button" class="th-btn ${d ? '' : 'th-btn-primary'}" ?disabled=${!ready || this.busy()}
          @click=${() => this.send('dry_run')}>${d ? 'Check again' : 'Check the file (dry run)'}</button>
        ${d && this.file
          ? html`<button type="button" class="th-btn th-btn-primary" ?disabled=${this.busy() || good === 0}
              @click=${() => this.send('apply')}>
              ${d.invalid ? `Import the ${good.toLocaleString()} good rows` : `Import ${good.toLocaleString()} rows`}
            </button>`
          : nothing}
      </div>
      ${d && !this.file ? html`<p class="th-hint">Choose the file again to import it.</p>` : nothing}
    </section>`;
  }

  private resultSection(r: ImportReport) {
    const ctx = this.context!;
    const words: Record<string, string> = {
      applied: 'The import is done.',
      partially_applied: 'The import is done; the refused rows were left out.',
      failed: 'The import refused rows, so nothing was imported.',
    };
    return html`<section class="th-card section" aria-labelledby="import-result-title">
      <h2 id="import-result-title">Result</h2>
      <p>${words[r.status] ?? r.status}</p>
      ${this.counts(r)} ${this.errorList(r)}
      <a class="th-btn" href="${ctx.tenant.base}${listUrl(ctx)}" @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}
        >Back to the catalog</a
      >
    </section>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const back = html`<a class="th-btn th-btn-link back" href="${ctx.tenant.base}${listUrl(ctx)}"
      @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}>← All companies</a>`;
    if (!mayChange(ctx, 'companies.import'))
      return html`${back}<p class="th-empty">You do not have permission to import companies.</p>`;
    return html`${back}
      <div class="th-toolbar">
        <p class="th-grow">Adds and updates companies from a CSV file with the export's columns.</p>
        <a class="th-btn" href="${ctx.tenant.base}api/v1/companies/export?format=csv" download="companies.csv">Export CSV</a>
      </div>
      ${alertOf(this.problem)} ${this.pickFile()} ${this.conflicts()}
      ${this.running ? this.progressBar(this.running) : nothing}
      ${this.result ? this.resultSection(this.result) : this.dryRunSection()}`;
  }
}

if (!customElements.get('tabhost-companies-import')) customElements.define('tabhost-companies-import', ImportPage);
