// A plugin's tab: its own element (imported from the plugin's module), or
// the generic form of each of its settings pages. A tab that fails to load
// takes nothing else down with it.
import { LitElement, css, html } from 'lit';
import { kit, shared } from '../components/styles';
import '../components/settings-form';
import { CONTRACT_VERSION, type TabContext } from '../kit';
import type { TabInfo } from '../types';

const DEFINE_TIMEOUT_MS = 10_000;

function defined(element: string): Promise<void> {
  let timer = 0;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(
      () => reject(new Error(`the element <${element}> was not defined within ${DEFINE_TIMEOUT_MS / 1000} s`)),
      DEFINE_TIMEOUT_MS);
  });
  return Promise.race([customElements.whenDefined(element).then(() => undefined), timeout])
    .finally(() => clearTimeout(timer));
}

type TabElement = HTMLElement & { context?: TabContext };

export class TabPage extends LitElement {
  static properties = {
    tab: { attribute: false },
    context: { attribute: false },
    failure: { state: true },
    element: { state: true },
  };
  static styles = [kit, shared, css`
    :host { display: block; }
    section + section { margin-top: 2rem; }
    .th-card[role='alert'] h2 { color: var(--tabhost-danger); }
  `];
  /** The shell keys this element by tab: one element per visit of a tab. */
  declare tab: TabInfo;
  /** A new object whenever the route inside the tab (or the session) changes. */
  declare context: TabContext;
  declare failure: string | null;
  declare element: TabElement | null;
  private importFailed = 0;

  constructor() {
    super();
    this.failure = null;
    this.element = null;
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.element) void this.load();
  }

  protected updated() {
    if (this.element && this.element.context !== this.context) this.element.context = this.context;
  }

  private async load() {
    const ui = this.tab.ui;
    if (!ui || ui.contract > CONTRACT_VERSION) return;
    this.failure = null;
    // A failed module fetch may be remembered by the browser: ask again under another address.
    const url = this.importFailed
      ? `${ui.module_url}${ui.module_url.includes('?') ? '&' : '?'}retry=${this.importFailed}`
      : ui.module_url;
    try {
      try {
        await import(url);
      } catch (error) {
        this.importFailed++;
        throw error;
      }
      await defined(ui.element);
      const element = document.createElement(ui.element) as TabElement;
      element.context = this.context;
      this.element = element;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  render() {
    const { ui, settings_pages: pages } = this.tab;
    if (ui && ui.contract > CONTRACT_VERSION)
      return html`<div class="th-card" role="alert"><h2>This tab needs a newer dashboard</h2>
        <p>It was built for version ${ui.contract} of the dashboard's tab contract; this dashboard has version
          ${CONTRACT_VERSION}.</p></div>`;
    if (ui) {
      if (this.failure)
        return html`<div class="th-card" role="alert"><h2>This tab could not be loaded</h2>
          <p>${this.failure}</p>
          <button class="th-btn" type="button" @click=${this.load}>Try again</button></div>`;
      return this.element ?? html`<div class="th-card" aria-busy="true"><span class="th-skeleton wide"></span>
        <span class="th-skeleton"></span><span class="th-skeleton"></span></div>`;
    }
    if (pages.length)
      return pages.map((page) => html`<section aria-labelledby="page-${page.id}">
        <h2 id="page-${page.id}">${page.title}</h2>
        <tabhost-settings-form .context=${this.context} .page=${page}></tabhost-settings-form>
      </section>`);
    return html`<p class="th-card th-empty">This tab has nothing to show yet.</p>`;
  }
}
customElements.define('tabhost-tab-page', TabPage);
