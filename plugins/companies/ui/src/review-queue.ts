// The review queue (route review): the companies awaiting review, oldest
// first, approved or rejected (with a reason) one by one or as a selection.
// A company leaves the queue when the API confirms, and the stat cards are
// asked again. Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { problemOf, problemText, toast, type Problem, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import { skeletonRows, when } from '../../../common/ui/src/table-parts.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import './confirm-dialog.js';
import { countryName } from './countries.js';
import { logo } from './logo.js';
import { companyPath, listUrl, mayChange, type Company, type Page } from './shared.js';
import type { StatCards } from './stat-cards.js';
import './stat-cards.js';

const PAGE_SIZE = 50;
const COLUMNS = ['Company', 'Waiting since', 'Industry', 'Location'];

/** What a decision did to one company. */
interface Outcome {
  company: Company;
  problem?: Problem;
}

class ReviewQueue extends LitElement {
  static properties = {
    context: { attribute: false },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    loadError: { state: true },
    selected: { state: true },
    working: { state: true },
    failures: { state: true },
  };
  declare context?: TabContext;
  declare items: Company[] | null;
  declare next: string | null;
  declare loading: boolean;
  declare loadError: Problem | null;
  /** The ids ticked. */
  declare selected: Set<string>;
  /** "Approving 2 of 5" while a decision runs; "" otherwise. */
  declare working: string;
  /** The companies a decision failed for, with why. */
  declare failures: Outcome[];

  #started = false;
  #seq = 0;
  /**
   * Companies decided on this page: a company never goes back to pending,
   * so a list answer that predates the decision must not show it again.
   */
  #decided = new Set<string>();

  constructor() {
    super();
    this.items = null;
    this.next = null;
    this.loading = false;
    this.loadError = null;
    this.selected = new Set();
    this.working = '';
    this.failures = [];
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('context') || !this.context || this.#started) return;
    if (!mayChange(this.context, 'companies.review')) return;
    this.#started = true;
    void this.load();
  }

  private async load(cursor: string | null = null) {
    const ctx = this.context!;
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const page = await ctx.api.get<Page<Company>>('/companies', {
        query: { status: 'pending', sort: 'oldest', limit: PAGE_SIZE, cursor: cursor ?? undefined },
      });
      if (seq !== this.#seq) return;
      const fresh = page.items.filter((c) => !this.#decided.has(c.id));
      this.items = cursor ? [...(this.items ?? []), ...fresh] : fresh;
      this.next = page.next_cursor;
      this.loadError = null;
    } catch (err) {
      if (seq === this.#seq) this.loadError = problemOf(err);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  private refresh() {
    this.selected = new Set();
    void this.stats()?.reload();
    void this.load();
  }

  private stats() {
    return this.querySelector<StatCards>('tabhost-companies-stats');
  }

  private toggle(id: string, on: boolean) {
    const selected = new Set(this.selected);
    if (on) selected.add(id);
    else selected.delete(id);
    this.selected = selected;
  }

  private toggleAll(on: boolean) {
    this.selected = new Set(on ? (this.items ?? []).map((c) => c.id) : []);
  }

  /**
   * Decides on `companies` one after another: each leaves the list as the
   * API confirms it (or says it is decided already); the ones refused stay,
   * and are listed with why.
   */
  private async decide(companies: Company[], verb: 'approve' | 'reject', reason = ''): Promise<Outcome[]> {
    const ctx = this.context!;
    const failed: Outcome[] = [];
    const doing = verb === 'approve' ? 'Approving' : 'Rejecting';
    for (const [i, company] of companies.entries()) {
      this.working = `${doing} ${i + 1} of ${companies.length}…`;
      try {
        await ctx.api.post(companyPath(company.id, `/${verb}`), verb === 'reject' ? { reason } : undefined);
        this.gone(company.id);
      } catch (err) {
        const p = problemOf(err);
        // Someone decided first: it is out of the queue either way.
        if ((err as { code?: string }).code?.startsWith('already_')) this.gone(company.id);
        else failed.push({ company, problem: p });
      }
    }
    this.working = '';
    this.failures = failed;
    void this.stats()?.reload();
    const done = companies.length - failed.length;
    if (done) toast(this, `${done} ${done === 1 ? 'company' : 'companies'} ${verb === 'approve' ? 'approved' : 'rejected'}.`, 'success');
    return failed;
  }

  private gone(id: string) {
    this.#decided.add(id);
    this.items = this.items?.filter((c) => c.id !== id) ?? null;
    this.toggle(id, false);
  }

  private approve(companies: Company[]) {
    if (!this.working) void this.decide(companies, 'approve');
  }

  private reject(companies: Company[], opener: HTMLElement) {
    if (this.working) return;
    const one = companies.length === 1 ? companies[0] : null;
    void this.querySelector<ConfirmDialog>('tabhost-companies-confirm')?.ask(
      {
        title: one ? `Reject ${one.name}?` : `Reject ${companies.length} companies?`,
        text: one
          ? 'It leaves the queue and shows as rejected, with your reason, in the catalog.'
          : 'They leave the queue and show as rejected, with your reason, in the catalog.',
        confirm: one ? 'Reject company' : `Reject ${companies.length} companies`,
        danger: true,
        reason: 'Reason',
        run: async (reason) => {
          const failed = await this.decide(companies, 'reject', reason);
          // The first refusal stays in the dialog (a reason the API refuses is said beside it).
          if (failed.length === companies.length && failed[0].problem) throw failed[0].problem;
        },
      },
      opener,
    );
  }

  private row(ctx: TabContext, c: Company) {
    const path = `${ctx.route.tab}/${encodeURIComponent(c.id)}`;
    const place = [c.address.city, c.address.country ? countryName(c.address.country) : null].filter(Boolean).join(', ');
    return html`<tr>
      <td class="pick" data-label="Select">
        <input
          type="checkbox"
          aria-label="Select ${c.name}"
          .checked=${this.selected.has(c.id)}
          @change=${(e: Event) => this.toggle(c.id, (e.target as HTMLInputElement).checked)}
        />
      </td>
      <td data-label="Company">
        <div class="who">
          ${logo(c)}
          <div class="who-text">
            <a class="name th-truncate" href="${ctx.tenant.base}${path}" @click=${(e: MouseEvent) => follow(e, this, path)}
              >${c.name}</a
            >
            <div class="th-hint th-truncate th-mono" title=${c.domain}>${c.domain}</div>
          </div>
        </div>
      </td>
      <td data-label="Waiting since">${when(c.created_at)}</td>
      <td data-label="Industry">${c.industry ?? html`<span class="th-hint">—</span>`}</td>
      <td data-label="Location">${place || html`<span class="th-hint">—</span>`}</td>
      <td class="actions" data-label="Decision">
        <span>
          <button type="button" class="th-btn" aria-label="Approve ${c.name}" ?disabled=${Boolean(this.working)}
            @click=${() => this.approve([c])}>Approve</button>
          <button type="button" class="th-btn" aria-label="Reject ${c.name}" ?disabled=${Boolean(this.working)}
            @click=${(e: Event) => this.reject([c], e.currentTarget as HTMLElement)}>Reject</button>
        </span>
      </td>
    </tr>`;
  }

  private failureList() {
    if (!this.failures.length) return nothing;
    return html`<div class="th-alert th-alert-error" role="alert">
      <p>These were not decided:</p>
      <ul>
        ${this.failures.map((f) => html`<li>${f.company.name}: ${f.problem ? problemText(f.problem) : ''}</li>`)}
      </ul>
    </div>`;
  }

  private table(ctx: TabContext) {
    if (this.loadError)
      return html`<div class="th-alert th-alert-error" role="alert">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.refresh}>Retry</button>
      </div>`;
    const items = this.items;
    if (items?.length === 0) return html`<p class="th-empty">No company awaits review.</p>`;
    const all = Boolean(items?.length) && items!.every((c) => this.selected.has(c.id));
    return html`<div class="th-table-wrap">
        <table class="th-table th-stack" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption class="th-visually-hidden">Companies awaiting review, oldest first</caption>
          <thead>
            <tr>
              <th scope="col" class="pick">
                <input type="checkbox" aria-label="Select all shown" .checked=${all} ?disabled=${!items}
                  @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)} />
              </th>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
              <th scope="col"><span class="th-visually-hidden">Decision</span></th>
            </tr>
          </thead>
          <tbody>
            ${items ? items.map((c) => this.row(ctx, c)) : skeletonRows(['', ...COLUMNS, ''])}
          </tbody>
        </table>
      </div>
      ${this.next
        ? html`<div class="more">
            <button type="button" class="th-btn" ?disabled=${this.loading} @click=${() => this.load(this.next)}>
              Load more
            </button>
          </div>`
        : nothing}`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const back = html`<a class="th-btn th-btn-link back" href="${ctx.tenant.base}${listUrl(ctx)}"
      @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}>← All companies</a>`;
    if (!mayChange(ctx, 'companies.review'))
      return html`${back}<p class="th-empty">You do not have permission to review companies.</p>`;
    const chosen = (this.items ?? []).filter((c) => this.selected.has(c.id));
    const busy = Boolean(this.working) || !chosen.length;
    return html`${back}
      <tabhost-companies-stats .context=${ctx}></tabhost-companies-stats>
      <div class="th-toolbar">
        <p class="th-grow" role="status">
          ${this.working || (chosen.length ? `${chosen.length} selected` : 'Oldest first. Select several to decide on them at once.')}
        </p>
        <button type="button" class="th-btn th-btn-primary" ?disabled=${busy} @click=${() => this.approve(chosen)}>
          Approve selected
        </button>
        <button type="button" class="th-btn" ?disabled=${busy}
          @click=${(e: Event) => this.reject(chosen, e.currentTarget as HTMLElement)}>Reject selected</button>
        <button type="button" class="th-btn" ?disabled=${Boolean(this.working)} @click=${this.refresh}>Refresh</button>
      </div>
      ${this.failureList()} ${this.table(ctx)}
      <tabhost-companies-confirm></tabhost-companies-confirm>`;
  }
}

if (!customElements.get('tabhost-companies-review')) customElements.define('tabhost-companies-review', ReviewQueue);
