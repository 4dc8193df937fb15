// The billing plugin's tab ("Billing"): <tabhost-billing>. One view: the
// plan catalog (plan-list.ts) and the customer portal's settings page, drawn
// by the shell's settings form. It owns the shadow root both render into,
// so all are styled by the kit.
import { html, type PropertyValues } from 'lit';
import { navigate } from '../../../../sdk/ui/tabhost-ui.js';
import './plan-list.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

/** The settings page BillingPlugin registers (its id, title and API path). */
const PORTAL_PAGE = { id: 'billing', title: 'Billing', path: '/billing' };

// Only what the kit lacks; no inline styles anywhere (the page's CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-billing-plans, tabhost-settings-form { display: block; }
section + section { margin-top: 2rem; }
.th-toolbar h2 { margin: 0; }
.name { font-weight: 600; }
a.link { display: inline-block; vertical-align: bottom; }
.actions { white-space: nowrap; text-align: right; }
dialog { width: 32rem; }
dialog form { margin: 0; }
@media (max-width: 640px) {
  .plan { min-width: 0; text-align: right; }
  .th-stack td.actions { justify-content: flex-end; gap: 0.5rem; }
}
`);

class BillingTab extends TabRoot {
  static sheet = sheet;

  // The tab has one view: a deeper path is a stale or mistyped link, shown as the tab's own URL.
  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (changed.has('context') && ctx && ctx.route.path !== '') navigate(this, ctx.route.tab, { replace: true });
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return null;
    return html`<section aria-labelledby="plans-title">
        <tabhost-billing-plans .context=${ctx}></tabhost-billing-plans>
      </section>
      <section aria-labelledby="portal-title">
        <h2 id="portal-title">Customer portal</h2>
        <p class="th-hint">Where customers manage their subscription and invoices: Stripe's customer portal.</p>
        <tabhost-settings-form .context=${ctx} .page=${PORTAL_PAGE}></tabhost-settings-form>
      </section>`;
  }
}

if (!customElements.get('tabhost-billing')) customElements.define('tabhost-billing', BillingTab);
