// The companies plugin's tab ("Companies"): <tabhost-companies>. It routes
// on context.route.path — "" is the catalog — and owns the shadow root the
// views render into, so all are styled by the kit.
import { LitElement, html, type PropertyValues } from 'lit';
import { adoptKit, navigate, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import './catalog.js';
import { sheet } from './styles.js';

class CompaniesTab extends LitElement {
  static properties = { context: { attribute: false } };
  declare context?: TabContext;

  protected createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    adoptKit(root, sheet);
    return root;
  }

  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    // Any other path is a stale or mistyped link: show the catalog's URL.
    if (ctx.route.path !== '') navigate(this, ctx.route.tab, { replace: true });
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return null;
    return html`<tabhost-companies-catalog .context=${ctx}></tabhost-companies-catalog>`;
  }
}

if (!customElements.get('tabhost-companies')) customElements.define('tabhost-companies', CompaniesTab);
