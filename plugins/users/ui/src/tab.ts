// The users plugin's tab ("Users"): <tabhost-users>. It routes on
// context.route.path — "" lists the users, "new" adds one, "impersonations"
// is the impersonation history, anything else is a user's id — and owns the
// shadow root the views render into, so all are styled by the kit.
import { html, type PropertyValues } from 'lit';
import { navigate, setTitle } from '../../../../sdk/ui/tabhost-ui.js';
import './impersonations.js';
import './user-detail.js';
import './user-form.js';
import { canWrite } from './shared.js';
import './users-list.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

// Only what the kit lacks; no inline styles anywhere (the page's CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-users-list, tabhost-users-detail, tabhost-users-form, tabhost-users-filters, tabhost-users-composer,
tabhost-users-impersonations { display: block; }
.dialogs { display: contents; }
.th-toolbar p, .th-toolbar h2 { margin: 0; }
.detail > * + * { margin-top: 1.5rem; }
ul.stats, .messages { list-style: none; padding: 0; }
ul.stats { margin: 0 0 1.25rem; }
.th-stat-value .th-skeleton { width: 3rem; height: 1.75rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; margin-bottom: 1rem; }
.filters .th-field { flex: 1 1 9rem; margin: 0; }
.filters .search { flex: 2 1 16rem; }
.who { display: flex; gap: 0.75rem; align-items: center; min-width: 0; }
.who-text { min-width: 0; }
.who .th-grow { flex: 1 1 auto; }
.avatar { flex: none; display: inline-grid; place-items: center; width: 2.25rem; height: 2.25rem; border-radius: 50%; background: var(--tabhost-primary-soft, #dbeafe); font-weight: 600; font-size: 0.8125rem; }
.avatar.large { width: 3rem; height: 3rem; font-size: 1rem; }
a.name { display: block; font-weight: 600; text-decoration: none; }
a.name:hover { text-decoration: underline; }
.badges { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.actions { white-space: nowrap; text-align: right; }
tbody.stale { opacity: 0.6; }
.more { display: flex; justify-content: center; margin: 1rem 0; }
.menu[popover] { position: fixed; inset: auto; margin: 0; padding: 0.25rem; min-width: 13rem; border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface, #fff); color: inherit; box-shadow: 0 10px 30px rgb(0 0 0 / 0.15); }
.menu button { display: flex; width: 100%; justify-content: flex-start; color: var(--tabhost-text, #111827); }
.menu button:hover, .menu button:focus-visible { background: var(--tabhost-surface-muted, #f3f4f6); }
.menu button.danger { color: var(--tabhost-danger, #b91c1c); }
.composer-row td { background: var(--tabhost-surface-muted, #f9fafb); }
.form, .composer { max-width: 40rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; }
fieldset { border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); padding: 0.5rem 0.875rem 0.75rem; margin: 0 0 0.875rem; }
legend { font-weight: 600; font-size: 0.875rem; padding: 0 0.25rem; }
.choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.375rem 0; }
.choice input { margin-top: 0.3rem; }
.choice .th-hint { display: block; }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.25rem 1rem; margin: 0.5rem 0; max-height: 14rem; overflow-y: auto; }
.checks label { display: flex; gap: 0.5rem; align-items: center; }
.narrow { max-width: 12rem; }
.th-secret { margin: 0.75rem 0 1rem; }
.th-secret code { user-select: all; }
.profile h2 { margin: 0; }
.profile .th-hint { margin: 0; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem 1.5rem; margin: 1rem 0 0; }
.facts dt { font-size: 0.8125rem; font-weight: 600; color: var(--tabhost-text-muted, #4b5563); }
.facts dd { margin: 0; }
.messages { display: grid; gap: 0.75rem; margin: 0; }
.message-body { white-space: pre-wrap; margin: 0; }
dialog ul { margin: 0 0 0.75rem; padding-left: 1.25rem; }
@media (max-width: 640px) {
  .th-stack td[colspan] { display: block; }
  .th-stack td[colspan]::before { content: none; }
  .actions { text-align: left; }
}
`);

class UsersTab extends TabRoot {
  static sheet = sheet;

  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const path = ctx.route.path;
    // The list keeps the shell's title (the tab's); a user's page sets the user's name once loaded.
    if (path === 'new') setTitle(this, 'Add a user');
    else if (path === 'impersonations') setTitle(this, 'Impersonation history');
    // A deeper path is a stale or mistyped link: show the list's URL.
    else if (path.includes('/')) navigate(this, ctx.route.tab, { replace: true });
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return null;
    const path = ctx.route.path;
    if (path === '' || path.includes('/')) return html`<tabhost-users-list .context=${ctx}></tabhost-users-list>`;
    if (path === 'impersonations')
      return html`<tabhost-users-impersonations .context=${ctx}></tabhost-users-impersonations>`;
    if (path === 'new')
      return canWrite(ctx)
        ? html`<tabhost-users-form .context=${ctx}></tabhost-users-form>`
        : html`<p class="th-empty">You do not have permission to add users.</p>`;
    return html`<tabhost-users-detail .context=${ctx} .userId=${path}></tabhost-users-detail>`;
  }
}

if (!customElements.get('tabhost-users')) customElements.define('tabhost-users', UsersTab);
