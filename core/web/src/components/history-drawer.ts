// The history of one record (GET /{resource}/{id}/history) in a modal side
// panel, newest first, with a link to the audit log filtered to the record.
import { LitElement, css, html, nothing } from 'lit';
import { kit, shared } from './styles';
import { problemText, problemOf, type Problem } from './form';
import { actorLine, changeList, type AuditEntry } from './audit-parts';
import { when } from '../format';
import { icon } from '../icons';
import { ApiError, type Api } from '../api';
import { base } from '../router';

interface Target {
  resource: string;
  id: string;
  title: string;
}

export class HistoryDrawer extends LitElement {
  static properties = { target: { state: true }, items: { state: true }, problem: { state: true } };
  static styles = [kit, shared, css`
    dialog.drawer { margin: 0 0 0 auto; padding: 0; width: min(30rem, 100vw); max-width: 100vw; height: 100dvh;
      max-height: 100dvh; border-radius: 0; display: flex; flex-direction: column; }
    dialog.drawer:not([open]) { display: none; }
    .head { display: flex; align-items: center; gap: 0.75rem; padding: 1rem 1.25rem;
      border-bottom: 1px solid var(--tabhost-border); }
    .head h2 { flex: 1; margin: 0; overflow-wrap: anywhere; }
    .content { flex: 1; overflow-y: auto; padding: 1rem 1.25rem 2rem; }
    ol { list-style: none; margin: 0; padding: 0; }
    li.entry { padding: 0.875rem 0; border-bottom: 1px solid var(--tabhost-border); }
    li.entry:last-child { border-bottom: 0; }
    .who { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; }
    .who time { color: var(--tabhost-text-muted); font-size: 0.8125rem; }
    .what { margin: 0.125rem 0 0.375rem; }
    ul.changes { margin: 0.375rem 0 0; padding-left: 1.125rem; font-size: 0.875rem; overflow-wrap: anywhere; }
    .field { font-weight: 600; }
    .audit-link { margin: 0 0 0.5rem; }
    @media (prefers-reduced-motion: no-preference) {
      dialog.drawer[open] { animation: slide 0.2s ease-out; }
      @keyframes slide { from { transform: translateX(2rem); } }
    }
  `];
  declare target: Target | null;
  declare items: AuditEntry[] | null;
  declare problem: Problem | null;
  declare api: Api;

  constructor() {
    super();
    this.target = null;
    this.items = null;
    this.problem = null;
  }

  async open(resource: string, id: string, title?: string) {
    this.target = { resource, id, title: title || id };
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog') as HTMLDialogElement;
    if (!dialog.open) dialog.showModal();
    (this.renderRoot.querySelector('.close') as HTMLElement).focus();
    await this.load();
  }

  private async load() {
    const target = this.target;
    if (!target) return;
    this.items = null;
    this.problem = null;
    try {
      const path = `/${encodeURIComponent(target.resource)}/${encodeURIComponent(target.id)}/history`;
      const { items } = await this.api.get<{ items: AuditEntry[] }>(path);
      if (this.target === target) this.items = [...items].sort((a, b) => b.seq - a.seq);
    } catch (error) {
      if (this.target !== target) return;
      this.problem = error instanceof ApiError && error.status === 403
        ? { message: 'You need the audit.read permission to see history.' }
        : problemOf(error);
    }
  }

  private close() {
    (this.renderRoot.querySelector('dialog') as HTMLDialogElement).close();
  }

  /**
   * The audit log filtered to this record. Its entries name the target type
   * they were written with ("user"), which the history's resource ("users")
   * may not be: the link takes it from them. Entries were answered, so the
   * user holds audit.read.
   */
  private auditLink(items: AuditEntry[]) {
    const target = items.find((item) => item.target?.type)?.target;
    if (!target) return nothing;
    const query = new URLSearchParams({ target_type: target.type, target_id: target.id });
    return html`<p class="audit-link"><a href="${base}audit?${query}" @click=${this.close}
      >Open in the audit log</a></p>`;
  }

  private entries() {
    if (this.problem) return html`<div class="th-alert th-alert-error" role="alert">${problemText(this.problem)}</div>`;
    if (!this.items) return html`<div aria-busy="true"><span class="th-skeleton"></span>
      <span class="th-skeleton wide"></span><span class="th-skeleton"></span></div>`;
    if (!this.items.length) return html`<p class="th-empty">No changes recorded yet.</p>`;
    return html`${this.auditLink(this.items)}<ol>${this.items.map((item) => html`<li class="entry">
      <div class="who"><span>${actorLine(item)}</span>${when(item.at)}</div>
      <p class="what">${item.summary || item.action}</p>
      ${changeList(item.changes)}
    </li>`)}</ol>`;
  }

  render() {
    return html`<dialog class="drawer" aria-labelledby="history-title" @close=${() => (this.target = null)}>
      ${this.target ? html`
        <div class="head">
          <h2 id="history-title">History — ${this.target.title}</h2>
          <button class="th-btn close" type="button" @click=${this.close}>${icon('close')}Close</button>
        </div>
        <div class="content">${this.entries()}</div>` : nothing}
    </dialog>`;
  }
}
customElements.define('tabhost-history-drawer', HistoryDrawer);
