// Adds a plan or edits one: its id (fixed once created), name, price label
// and Stripe payment link. The server checks every value (an http:// link
// too) and its refusal shows beside the field it names: no second set of
// rules here that could disagree with it.
import { html, nothing } from 'lit';
import { PlanDialog } from './dialog-base.js';
import { alertOf, type Plan } from './shared.js';

const FIELDS = ['id', 'name', 'price_label', 'payment_link'] as const;
type Field = (typeof FIELDS)[number];
/** What PATCH may change: all but the id. */
const EDITABLE: readonly Field[] = ['name', 'price_label', 'payment_link'];

interface Control {
  label: string;
  hint?: string;
  type?: string;
  maxlength: number;
}

const CONTROLS: Record<Field, Control> = {
  id: { label: 'Plan id', hint: 'Up to 40 of a–z, 0–9, _ and -. It cannot be changed later.', maxlength: 40 },
  name: { label: 'Name', maxlength: 80 },
  price_label: { label: 'Price label', hint: 'As customers see it, e.g. "$49 / month".', maxlength: 40 },
  payment_link: {
    label: 'Stripe payment link',
    hint: 'The https:// address Stripe gave the payment link.',
    type: 'url',
    maxlength: 2000,
  },
};

class PlanForm extends PlanDialog {
  static properties = { draft: { state: true } };
  declare draft: Record<Field, string>;

  protected reset() {
    const p = this.plan;
    this.draft = {
      id: p?.id ?? '',
      name: p?.name ?? '',
      price_label: p?.price_label ?? '',
      payment_link: p?.payment_link ?? '',
    };
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    if (!ctx) return;
    const editing = this.plan;
    if (editing) {
      // Only what changed: a PATCH that changes nothing is no edit.
      const changed = Object.fromEntries(EDITABLE.filter((f) => this.draft[f] !== editing[f]).map((f) => [f, this.draft[f]]));
      if (!Object.keys(changed).length) return this.close();
      const answer = await this.run(
        () => ctx.api.patch<{ plan: Plan }>(`/billing/plans/${encodeURIComponent(editing.id)}`, changed),
        FIELDS,
      );
      if (answer) this.done({ plan: answer.plan, deleted: false });
    } else {
      const answer = await this.run(() => ctx.api.post<{ plan: Plan }>('/billing/plans', this.draft), FIELDS);
      if (answer) this.done({ plan: answer.plan, deleted: false });
    }
  }

  private control(f: Field) {
    const c = CONTROLS[f];
    const id = `plan-${f}`;
    const error = this.errors[f];
    const described = [c.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="th-field">
      <label for=${id}>${c.label}</label>
      <input
        class="th-input"
        id=${id}
        type=${c.type ?? 'text'}
        maxlength=${c.maxlength}
        autocomplete="off"
        required
        ?disabled=${f === 'id' && this.plan !== null}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${described || nothing}
        .value=${this.draft[f]}
        @input=${(e: Event) => (this.draft = { ...this.draft, [f]: (e.target as HTMLInputElement).value })}
      />
      ${c.hint ? html`<span class="th-hint" id="${id}-hint">${c.hint}</span>` : nothing}
      ${error ? html`<p class="th-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  protected content() {
    const title = this.plan ? `Edit ${this.plan.name}` : 'Add a plan';
    return html`<h2 id=${this.titleId}>${title}</h2>
      <form novalidate @submit=${this.submit}>
        ${FIELDS.map((f) => this.control(f))}
        ${alertOf(this.problem)}
        <div class="th-dialog-actions">
          <button type="button" class="th-btn" ?disabled=${this.busy} @click=${() => this.close()}>Cancel</button>
          <button class="th-btn th-btn-primary" ?disabled=${this.busy} aria-busy=${String(this.busy)}>
            ${this.plan ? 'Save plan' : 'Add plan'}
          </button>
        </div>
      </form>`;
  }
}

if (!customElements.get('tabhost-billing-plan-dialog')) customElements.define('tabhost-billing-plan-dialog', PlanForm);
