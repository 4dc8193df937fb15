// The settings plugin's tab ("General"): <tabhost-general>. The General
// settings page is the shell's settings form; around it, what a form cannot
// show: a colour picker with a preview of the dashboard's colours, the logo
// upload, and the marketing copy as it will be served. The default plan for
// new users is offered from billing's catalog when billing is enabled.
// The tab owns the shadow root all parts render into, so the kit styles them.
import { html, nothing, type PropertyValues } from 'lit';
import {
  navigate, type SettingsChoice, type SettingsFormDetail, type SettingsFormElement, type TabContext,
} from '../../../../sdk/ui/tabhost-ui.js';
import { COLOUR_PICKED } from './colour-panel.js';
import './copy-preview.js';
import './logo-panel.js';
import { mayChange } from './shared.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

/** The settings page GeneralPlugin registers (its id, title and API path). */
const PAGE = { id: 'general', title: 'General', path: '/settings' };
/** Marketing copy has paragraphs and, in Markdown, lists. */
const MULTILINE = ['marketing_copy'];

/** GET /billing/plans, as much of it as the list needs. */
interface Plans {
  items: { id: string; name: string; price_label: string }[];
}

// Only what the kit lacks; no inline styles anywhere (the page's CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-settings-form, tabhost-general-colour, tabhost-general-logo, tabhost-general-copy-preview { display: block; }
.layout { display: grid; grid-template-columns: minmax(0, 44rem) minmax(16rem, 24rem); gap: 1.25rem; align-items: start; }
.side { display: grid; gap: 1.25rem; min-width: 0; }
.side .th-card { padding: 1.25rem; }
.side h2 { font-size: 1rem; }
.picker { flex-direction: row; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
.picker input { width: 3rem; height: 2.25rem; padding: 0.125rem; border: 1px solid var(--tabhost-border, #9ca3af); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface, #fff); }
.picker .th-hint { flex-basis: 100%; }
.sample { display: grid; gap: 0.625rem; justify-items: start; padding: 0.875rem; margin-bottom: 0.75rem; border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface, #fff); }
.sample .rows { width: 100%; border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); }
.sample-row { padding: 0.375rem 0.625rem; }
.sample-row + .sample-row { border-top: 1px solid var(--tabhost-border, #e5e7eb); }
.sample-row.selected { background: var(--tabhost-primary-soft, #dbeafe); font-weight: 600; }
.current { margin: 0 0 1rem; }
.logo-frame { display: grid; place-items: center; min-height: 5rem; padding: 0.75rem; border: 1px dashed var(--tabhost-border, #9ca3af); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface-muted, #f8fafc); }
.logo-frame img { max-width: 100%; max-height: 6rem; }
figcaption { margin-top: 0.25rem; }
.upload .th-toolbar { margin: 0; }
input[type='file'] { max-width: 100%; }
.served { padding: 0.75rem 1rem; border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); overflow-wrap: anywhere; }
.served > :last-child { margin-bottom: 0; }
@media (max-width: 1100px) {
  .layout { grid-template-columns: minmax(0, 44rem); }
}
`);

class GeneralTab extends TabRoot {
  static sheet = sheet;
  static properties = {
    context: { attribute: false },
    values: { state: true },
    choices: { state: true },
    locked: { state: true },
    ready: { state: true },
  };
  declare context?: TabContext;
  /** What the form would save: the stored values with the edits on top. */
  declare values: Readonly<Record<string, unknown>>;
  declare choices: Readonly<Record<string, readonly SettingsChoice[]>>;
  declare locked: ReadonlySet<string>;
  /** Whether the plans are known (or known to be none): the form is drawn once, with its final controls. */
  declare ready: boolean;

  #loadedFor = '';

  constructor() {
    super();
    this.values = {};
    this.choices = {};
    this.locked = new Set();
    this.ready = false;
  }

  protected createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    root.addEventListener(COLOUR_PICKED, (e) => this.form?.setValue('primary_color', (e as CustomEvent<string>).detail));
    return root;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx || ctx.tenant.id === this.#loadedFor) return;
    this.#loadedFor = ctx.tenant.id;
    void this.loadPlans(ctx).then(() => (this.ready = true));
  }

  // The tab has one view: a deeper path is a stale or mistyped link, shown as the tab's own URL.
  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (changed.has('context') && ctx && ctx.route.path !== '') navigate(this, ctx.route.tab, { replace: true });
  }

  /**
   * Billing's catalog, when billing is enabled for the tenant and the user may read it; otherwise its
   * API refuses (404 when the plugin is disabled, 403 without the permission). Without it the
   * field stays free text: the server checks the plan against the catalog either way.
   */
  private async loadPlans(ctx: TabContext) {
    try {
      const plans = await ctx.api.get<Plans>('/billing/plans');
      this.choices = {
        default_user_plan: plans.items.map((p) => ({ value: p.id, label: `${p.name} (${p.price_label})` })),
      };
    } catch {
      this.choices = {};
    }
  }

  private get form() {
    return this.renderRoot.querySelector<SettingsFormElement>('tabhost-settings-form');
  }

  private onValues(e: CustomEvent<SettingsFormDetail>) {
    this.values = e.detail.values;
    this.locked = new Set(e.detail.locked);
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    if (!this.ready)
      return html`<div class="th-card" aria-busy="true"><span class="th-skeleton"></span></div>`;
    const v = this.values;
    return html`<div class="layout">
      <tabhost-settings-form .context=${ctx} .page=${PAGE} .choices=${this.choices} .multiline=${MULTILINE}
        @tabhost:settings-change=${this.onValues} @tabhost:settings-saved=${this.onValues}></tabhost-settings-form>
      <div class="side">
        <section class="th-card">
          <tabhost-general-colour .colour=${v.primary_color} .fallback=${ctx.branding.primary_color}
            .disabled=${this.locked.has('primary_color') || !mayChange(ctx, 'settings.write')}></tabhost-general-colour>
        </section>
        <section class="th-card">
          <tabhost-general-logo .context=${ctx} .overridden=${Boolean(v.logo_url)}></tabhost-general-logo>
        </section>
        <section class="th-card">
          <tabhost-general-copy-preview .context=${ctx} .copy=${v.marketing_copy}
            .format=${v.marketing_format}></tabhost-general-copy-preview>
        </section>
      </div>
    </div>`;
  }
}

if (!customElements.get('tabhost-general')) customElements.define('tabhost-general', GeneralTab);
