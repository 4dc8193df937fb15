// The plan catalog: a table of the plans with their payment links, and the
// buttons that add, edit and delete them (their dialogs follow the table).
// Renders into the tab's shadow root (no shadow root of its own).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { openHistory, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { skeletonRows, when } from '../../../common/ui/src/table-parts.js';
import './delete-dialog.js';
import type { PlanDialog } from './dialog-base.js';
import './plan-dialog.js';
import { PLAN_CHANGED, alertOf, canWrite, problemOf, type Plan, type PlanChange, type Problem } from './shared.js';

const COLUMNS = ['Plan', 'Price', 'Payment link', 'Updated'];

/** An https link opens in a new tab, without handing it this page; anything else is shown as text. */
function paymentLink(url: string) {
  if (!url.startsWith('https://')) return html`<span class="th-mono">${url}</span>`;
  return html`<a class="link th-truncate" href=${url} target="_blank" rel="noopener noreferrer" title=${url}
    >${url.slice('https://'.length)}<span class="th-visually-hidden"> (opens in a new tab)</span></a
  >`;
}

class PlanList extends LitElement {
  static properties = {
    context: { attribute: false },
    plans: { state: true },
    loadError: { state: true },
  };
  declare context?: TabContext;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare plans: Plan[] | null;
  declare loadError: Problem | null;

  /** Counts loads, so that only the latest one's answer is shown. */
  #loads = 0;
  /** The tenant whose catalog is loaded: a new context for the same one loads nothing. */
  #loadedFor = '';

  constructor() {
    super();
    this.plans = null;
    this.loadError = null;
    this.addEventListener(PLAN_CHANGED, (e) => void this.changed((e as CustomEvent<PlanChange>).detail));
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx || ctx.tenant.id === this.#loadedFor) return;
    this.#loadedFor = ctx.tenant.id;
    void this.load();
  }

  private async load() {
    const ctx = this.context;
    if (!ctx) return;
    const load = ++this.#loads;
    this.loadError = null;
    try {
      const body = await ctx.api.get<{ items: Plan[] }>('/billing/plans');
      if (load === this.#loads) this.plans = body.items;
    } catch (err) {
      if (load === this.#loads) this.loadError = problemOf(err);
    }
  }

  private retry() {
    this.plans = null;
    void this.load();
  }

  /** A dialog's confirmed answer replaces the row (or removes it): the table shows only stored states. */
  private async changed({ plan, deleted }: PlanChange) {
    // An answer to a load that started before this change must not bring the old row back.
    this.#loads++;
    const others = (this.plans ?? []).filter((p) => p.id !== plan.id);
    const known = others.length !== (this.plans ?? []).length;
    if (deleted) this.plans = others;
    else this.plans = known ? (this.plans ?? []).map((p) => (p.id === plan.id ? plan : p)) : [...others, plan];
    toast(this, deleted ? `${plan.name} deleted` : known ? `${plan.name} saved` : `${plan.name} added`, 'success');
    if (!deleted) return;
    // Its row is gone: the focus goes where it was, the table or what replaced it.
    await this.updateComplete;
    this.querySelector<HTMLElement>('.th-table-wrap, .th-empty')?.focus();
  }

  private dialog(name: 'plan' | 'delete') {
    return this.querySelector<PlanDialog>(`tabhost-billing-${name}-dialog`)!;
  }

  private open(name: 'plan' | 'delete', plan: Plan | null, e: Event) {
    void this.dialog(name).open(plan, e.currentTarget as HTMLElement);
  }

  private addButton() {
    return html`<button type="button" class="th-btn th-btn-primary" @click=${(e: Event) => this.open('plan', null, e)}>
      Add plan
    </button>`;
  }

  private row(p: Plan, ctx: TabContext, writable: boolean) {
    return html`<tr>
      <td data-label="Plan">
        <div class="plan">
          <div class="th-truncate name" title=${p.name}>${p.name}</div>
          <div class="th-mono th-hint">${p.id}</div>
        </div>
      </td>
      <td data-label="Price">${p.price_label}</td>
      <td data-label="Payment link">${paymentLink(p.payment_link)}</td>
      <td data-label="Updated">${when(p.updated_at)}</td>
      <td class="actions">
        ${ctx.can('audit.read')
          ? html`<button type="button" class="th-btn th-btn-link" aria-label="History of ${p.name}"
              @click=${() => openHistory(this, 'billing_plans', p.id, p.name)}>History</button>`
          : nothing}
        ${writable
          ? html`<button type="button" class="th-btn" aria-label="Edit ${p.name}"
                @click=${(e: Event) => this.open('plan', p, e)}>Edit</button>
              <button type="button" class="th-btn th-btn-danger" aria-label="Delete ${p.name}"
                @click=${(e: Event) => this.open('delete', p, e)}>Delete</button>`
          : nothing}
      </td>
    </tr>`;
  }

  private table(ctx: TabContext, writable: boolean) {
    if (this.loadError)
      return html`${alertOf(this.loadError)}<button type="button" class="th-btn" @click=${this.retry}>Retry</button>`;
    if (this.plans?.length === 0)
      return html`<div class="th-empty" tabindex="-1">
        <p>No plans yet. A plan gives customers a Stripe payment link to subscribe with.</p>
        ${writable ? this.addButton() : nothing}
      </div>`;
    return html`<div class="th-table-wrap" tabindex="-1">
      <table class="th-table th-stack" aria-busy=${this.plans ? 'false' : 'true'}>
        <caption class="th-visually-hidden">Plans</caption>
        <thead>
          <tr>
            ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            <th scope="col"><span class="th-visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.plans ? this.plans.map((p) => this.row(p, ctx, writable)) : skeletonRows([...COLUMNS, ''])}
        </tbody>
      </table>
    </div>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const writable = canWrite(ctx);
    return html`<div class="th-toolbar">
        <h2 class="th-grow" id="plans-title">Plans</h2>
        ${writable && this.plans?.length ? this.addButton() : nothing}
      </div>
      ${this.table(ctx, writable)}
      ${writable
        ? html`<tabhost-billing-plan-dialog .context=${ctx}></tabhost-billing-plan-dialog>
            <tabhost-billing-delete-dialog .context=${ctx}></tabhost-billing-delete-dialog>`
        : nothing}`;
  }
}

if (!customElements.get('tabhost-billing-plans')) customElements.define('tabhost-billing-plans', PlanList);
