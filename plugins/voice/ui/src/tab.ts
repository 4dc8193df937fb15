// The voice plugin's tab ("Voice"): <tabhost-voice>. It routes on
// context.route.path — "" is the Twilio page, "ai" the ElevenLabs one,
// "numbers" the inbound numbers, "numbers/new" adds one and "numbers/{id}"
// edits one — and owns the shadow root the views render into, so all are
// styled by the kit.
import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { navigate, setTitle, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import './number-form.js';
import './numbers-list.js';
import './provider-page.js';
import { ELEVENLABS, TWILIO } from './providers.js';
import { VIEWS, canWrite, viewUrl } from './shared.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

// Only what the kit lacks; no inline styles anywhere (the page's CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-voice-provider, tabhost-voice-numbers, tabhost-voice-number-form, tabhost-voice-company-picker { display: block; }
nav.views { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 0 1.25rem; border-bottom: 1px solid var(--tabhost-border, #e5e7eb); }
nav.views a { padding: 0.5rem 0.875rem; margin-bottom: -1px; border-bottom: 3px solid transparent; color: var(--tabhost-text, #111827); font-weight: 500; text-decoration: none; }
nav.views a:hover { border-bottom-color: var(--tabhost-border, #d1d5db); }
nav.views a[aria-current='page'] { border-bottom-color: var(--tabhost-primary-strong, #1d4ed8); color: var(--tabhost-primary-strong, #1d4ed8); }
.provider { display: grid; grid-template-columns: minmax(0, 44rem) minmax(15rem, 22rem); gap: 1.25rem 1.5rem; align-items: start; }
.check h3 { margin-bottom: 0.25rem; }
.check .result:not(:empty) { margin-top: 0.875rem; }
.check .result p { margin: 0; }
.outcome { margin: 0; }
.outcome p { margin: 0.25rem 0 0; }
.unsaved { font-weight: 600; }
.th-toolbar p { margin: 0; }
.th-toolbar .th-select { width: auto; }
.actions { white-space: nowrap; text-align: right; }
.form { max-width: 36rem; }
.narrow { max-width: 16rem; }
.chosen { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0; min-height: 2.25rem; }
.combo { position: relative; }
.options { position: absolute; z-index: 2; left: 0; right: 0; top: calc(100% + 0.25rem); max-height: 16rem; overflow-y: auto; margin: 0; padding: 0.25rem; list-style: none; background: var(--tabhost-surface, #fff); border: 1px solid var(--tabhost-border, #d1d5db); border-radius: var(--tabhost-radius, 6px); box-shadow: 0 10px 30px rgb(0 0 0 / 0.15); }
.options li { display: flex; flex-direction: column; padding: 0.375rem 0.625rem; border-radius: var(--tabhost-radius, 6px); cursor: pointer; }
.options li:hover, .options li.active { background: var(--tabhost-primary-soft, #dbeafe); }
.option-name { font-weight: 500; }
@media (max-width: 1100px) {
  .provider { grid-template-columns: minmax(0, 44rem); }
}
@media (max-width: 640px) {
  .actions { text-align: left; }
}
`);

/** The views the tab's own navigation links to, with the title each gives the page. */
const NAV = [
  { path: VIEWS.voice, label: 'Voice', title: 'Voice' },
  { path: VIEWS.ai, label: 'Voice AI', title: 'Voice AI' },
  { path: VIEWS.numbers, label: 'Inbound numbers', title: 'Inbound numbers' },
] as const;

/** "numbers/42" → "42"; anything else → null. */
function numberIdOf(path: string): string | null {
  return /^numbers\/(\d+)$/.exec(path)?.[1] ?? null;
}

class VoiceTab extends TabRoot {
  static sheet = sheet;

  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const path = ctx.route.path;
    const view = NAV.find((v) => v.path === path);
    // The Voice page keeps the shell's title (the tab's); a number being edited names itself once loaded.
    if (view && view.path !== VIEWS.voice) setTitle(this, view.title);
    else if (path === VIEWS.newNumber) setTitle(this, 'Add an inbound number');
    // Any other path is a stale or mistyped link: show the tab's first page.
    else if (!view && !numberIdOf(path)) navigate(this, ctx.route.tab, { replace: true });
  }

  private nav(ctx: TabContext) {
    const path = ctx.route.path;
    const current = (view: string) => path === view || (view === VIEWS.numbers && path.startsWith('numbers/'));
    return html`<nav class="views" aria-label="Voice pages">
      ${NAV.map((v) => {
        const to = viewUrl(ctx, v.path);
        return html`<a href="${ctx.tenant.base}${to}" aria-current=${current(v.path) ? 'page' : nothing}
          @click=${(e: MouseEvent) => follow(e, this, to)}>${v.label}</a>`;
      })}
    </nav>`;
  }

  private view(ctx: TabContext) {
    const path = ctx.route.path;
    if (path === VIEWS.voice) return html`<tabhost-voice-provider .context=${ctx} .provider=${TWILIO}></tabhost-voice-provider>`;
    if (path === VIEWS.ai) return html`<tabhost-voice-provider .context=${ctx} .provider=${ELEVENLABS}></tabhost-voice-provider>`;
    if (path === VIEWS.numbers) return html`<tabhost-voice-numbers .context=${ctx}></tabhost-voice-numbers>`;
    const id = numberIdOf(path);
    if (path !== VIEWS.newNumber && !id) return nothing;
    return canWrite(ctx)
      ? html`<tabhost-voice-number-form .context=${ctx} .numberId=${id}></tabhost-voice-number-form>`
      : html`<p class="th-empty">You do not have permission to change inbound numbers.</p>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    // Keyed by path: each view starts afresh (its form loads its own page or number).
    return html`${this.nav(ctx)}${keyed(ctx.route.path, this.view(ctx))}`;
  }
}

if (!customElements.get('tabhost-voice')) customElements.define('tabhost-voice', VoiceTab);
