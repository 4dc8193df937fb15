// Deletes a plan after a confirmation. The catalog does not know which plan
// is the default for new users (the General tab's setting): the server asks
// and refuses with 409 plan_in_use, whose reason this dialog shows plainly,
// with the way to the setting that holds the plan.
import { html, nothing } from 'lit';
import { navigate } from '../../../../sdk/ui/tabhost-ui.js';
import { PlanDialog } from './dialog-base.js';
import { alertOf } from './shared.js';

/** The General tab, where the default plan for new users is chosen. */
const GENERAL_TAB = 'settings';

class DeleteDialog extends PlanDialog {
  static properties = { inUse: { state: true } };
  /** The server's reason why the plan must stay, once it refused. */
  declare inUse: string | null;

  protected reset() {
    this.inUse = null;
  }

  protected refused(error: unknown, fields: readonly string[]) {
    if ((error as { code?: string }).code === 'plan_in_use') this.inUse = (error as Error).message;
    else super.refused(error, fields);
  }

  private async deletePlan() {
    const ctx = this.context;
    const plan = this.plan;
    if (!ctx || !plan) return;
    const answer = await this.run(async () => {
      await ctx.api.delete(`/billing/plans/${encodeURIComponent(plan.id)}`);
      return true;
    });
    if (answer) this.done({ plan, deleted: true });
  }

  private openGeneral() {
    this.close();
    navigate(this, GENERAL_TAB);
  }

  private refusal(name: string, reason: string) {
    return html`<div class="th-alert th-alert-warning" role="alert" tabindex="-1">
        <strong>${name} cannot be deleted:</strong> ${reason}.
      </div>
      <div class="th-dialog-actions">
        ${this.context?.can('settings.read')
          ? html`<button type="button" class="th-btn" @click=${this.openGeneral}>Open General settings</button>`
          : nothing}
        <button type="button" class="th-btn th-btn-primary" @click=${() => this.close()}>Close</button>
      </div>`;
  }

  protected content() {
    const plan = this.plan!;
    const heading = html`<h2 id=${this.titleId}>Delete ${plan.name}?</h2>`;
    if (this.inUse) return html`${heading}${this.refusal(plan.name, this.inUse)}`;
    return html`${heading}
      <p>Its payment link stays valid at Stripe; it is only removed from this catalog.</p>
      ${alertOf(this.problem)}
      <div class="th-dialog-actions">
        <button type="button" class="th-btn" autofocus ?disabled=${this.busy} @click=${() => this.close()}>
          Cancel
        </button>
        <button
          type="button"
          class="th-btn th-btn-danger"
          ?disabled=${this.busy}
          aria-busy=${String(this.busy)}
          @click=${this.deletePlan}
        >
          Delete plan
        </button>
      </div>`;
  }
}

if (!customElements.get('tabhost-billing-delete-dialog'))
  customElements.define('tabhost-billing-delete-dialog', DeleteDialog);
