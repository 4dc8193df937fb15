// The tokens plugin's tab ("Backend"): <tabhost-tokens>. It routes on
// context.route.path — "" lists the tokens, "new" issues one — and owns the
// shadow root the views render into, so both are styled by the kit.
import { html, type PropertyValues } from 'lit';
import { navigate, setTitle } from '../../../../sdk/ui/tabhost-ui.js';
import './token-list.js';
import './issue-form.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

// Only what the kit lacks; no inline styles anywhere (the page's CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-tokens-list, tabhost-tokens-issue { display: block; }
.th-toolbar p { margin: 0; }
.actions { white-space: nowrap; }
.th-stack .th-skeleton { min-width: 4rem; }
.th-secret { margin: 0.75rem 0 1rem; }
.badges { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.form { max-width: 40rem; }
fieldset { border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); padding: 0.5rem 0.875rem 0.75rem; margin: 0 0 0.875rem; }
legend { font-weight: 600; font-size: 0.875rem; padding: 0 0.25rem; }
.scopes { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.25rem 1rem; margin: 0.5rem 0; }
.scopes label { display: flex; gap: 0.5rem; align-items: center; }
.th-secret code { user-select: all; }
`);

class TokensTab extends TabRoot {
  static sheet = sheet;

  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const path = ctx.route.path;
    // The list keeps the shell's title (the tab's); only the form has its own.
    if (path === 'new') setTitle(this, 'Issue an API token');
    // Any other path is a stale or mistyped link: show the list's URL.
    else if (path !== '') navigate(this, ctx.route.tab, { replace: true });
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return null;
    if (ctx.route.path !== 'new') return html`<tabhost-tokens-list .context=${ctx}></tabhost-tokens-list>`;
    return ctx.can('tokens.issue')
      ? html`<tabhost-tokens-issue .context=${ctx}></tabhost-tokens-issue>`
      : html`<p class="th-empty">You do not have permission to issue API tokens.</p>`;
  }
}

if (!customElements.get('tabhost-tokens')) customElements.define('tabhost-tokens', TokensTab);
