// The companies plugin's tab ("Companies"): <tabhost-companies>. It routes
// on context.route.path — "" is the catalog, "new" adds a company, "review"
// is the review queue, "import" the CSV import, "{id}/members" a company's
// members, anything else is a company's id — and owns the shadow root the views render into,
// so all are styled by the kit.
import { html, type PropertyValues } from 'lit';
import { navigate, setTitle } from '../../../../sdk/ui/tabhost-ui.js';
import './catalog.js';
import './company-editor.js';
import './import-page.js';
import './members.js';
import './review-queue.js';
import { mayChange } from './shared.js';
import { sheet } from './styles.js';
import { TabRoot } from '../../../common/ui/src/tab-root.js';

/** "42/members" → "42". */
const membersOf = (path: string) => /^([^/]+)\/members$/.exec(path)?.[1];

class CompaniesTab extends TabRoot {
  static sheet = sheet;

  protected updated(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const path = ctx.route.path;
    // The catalog keeps the shell's title (the tab's); a company's page sets its name once loaded.
    if (path === 'new') setTitle(this, 'Add a company');
    else if (path === 'review') setTitle(this, 'Review queue');
    else if (path === 'import') setTitle(this, 'Import companies');
    // A deeper path is a stale or mistyped link: show the catalog's URL.
    else if (path.includes('/') && !membersOf(path)) navigate(this, ctx.route.tab, { replace: true });
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return null;
    const path = ctx.route.path;
    const members = membersOf(path);
    if (members) return html`<tabhost-companies-members .context=${ctx} .companyId=${members}></tabhost-companies-members>`;
    if (path === '' || path.includes('/')) return html`<tabhost-companies-catalog .context=${ctx}></tabhost-companies-catalog>`;
    if (path === 'review') return html`<tabhost-companies-review .context=${ctx}></tabhost-companies-review>`;
    if (path === 'import') return html`<tabhost-companies-import .context=${ctx}></tabhost-companies-import>`;
    if (path === 'new')
      return mayChange(ctx, 'companies.write')
        ? html`<tabhost-companies-editor .context=${ctx} .companyId=${''}></tabhost-companies-editor>`
        : html`<p class="th-empty">You do not have permission to add companies.</p>`;
    return html`<tabhost-companies-editor .context=${ctx} .companyId=${path}></tabhost-companies-editor>`;
  }
}

if (!customElements.get('tabhost-companies')) customElements.define('tabhost-companies', CompaniesTab);
