// One audit entry of the log: a sentence (who, by whom when impersonating,
// what), its time and kind, and on demand everything recorded with it. Its
// "Only entries by … / about …" buttons ask the page to narrow the filters
// (`audit-narrow`, detail: the filters to set).
import { LitElement, css, html, nothing } from 'lit';
import { kit, shared } from '../components/styles';
import {
  VIA_LABELS, actorName, auditSentence, changeList, impersonatorName, shownValue, type AuditEntry,
} from '../components/audit-parts';
import { humanise, phrase, when } from '../format';
import { icon } from '../icons';
import { localTime, utcIso } from '../kit';

export type Narrowing = Record<string, string>;

/** "User: 8d59…", "Settings: voice"; '' for an entry about nothing in particular. */
const targetOf = (e: AuditEntry) => (e.target?.type ? `${humanise(e.target.type)}: ${e.target.id}` : '');

export class AuditEntryView extends LitElement {
  static properties = {
    entry: { attribute: false },
    broken: { type: Boolean },
    open: { state: true },
  };
  static styles = [kit, shared, css`
    :host { display: block; }
    .line { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; }
    .sentence { margin: 0; overflow-wrap: anywhere; }
    .line time { color: var(--tabhost-text-muted); font-size: 0.8125rem; white-space: nowrap; }
    .facts { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; margin-top: 0.125rem;
      font-size: 0.8125rem; color: var(--tabhost-text-muted); }
    .facts code { overflow-wrap: anywhere; }
    .target { overflow-wrap: anywhere; }
    .toggle { margin-left: auto; padding-inline: 0.25rem; min-height: 2rem; }
    .toggle .icon { transition: transform 0.15s; }
    .toggle[aria-expanded='true'] .icon { transform: rotate(180deg); }
    .details { margin-top: 0.5rem; padding: 0.875rem 1rem; border-radius: var(--tabhost-radius);
      background: var(--tabhost-surface-muted); }
    .details h3 { font-size: 0.875rem; margin: 0.75rem 0 0.375rem; }
    .details h3:first-child { margin-top: 0; }
    ul.changes { margin: 0; padding-left: 1.125rem; overflow-wrap: anywhere; }
    .field { font-weight: 600; }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1.25rem; margin: 0;
      font-size: 0.875rem; }
    dt { color: var(--tabhost-text-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .narrow { margin-top: 0.875rem; }
    @media (max-width: 480px) {
      dl { grid-template-columns: minmax(0, 1fr); gap: 0; }
      dd { margin-bottom: 0.375rem; }
    }
  `];
  declare entry: AuditEntry;
  /** The chain's check stopped at this entry. */
  declare broken: boolean;
  declare open: boolean;

  constructor() {
    super();
    this.broken = false;
    this.open = false;
  }

  private narrow(filters: Narrowing) {
    this.dispatchEvent(new CustomEvent<Narrowing>('audit-narrow', { detail: filters, bubbles: true }));
  }

  private badges(e: AuditEntry) {
    return html`
      ${e.category === 'security' ? html`<span class="th-badge">Security</span>` : nothing}
      ${e.via && e.via !== 'direct'
        ? html`<span class="th-badge ${e.via === 'impersonation' ? 'th-badge-primary' : ''}">${VIA_LABELS[e.via] ?? e.via}</span>`
        : nothing}
      ${this.broken ? html`<span class="th-badge th-badge-danger">Does not match the chain</span>` : nothing}`;
  }

  private facts(rows: [string, unknown][]) {
    return html`<dl>${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
  }

  private details(e: AuditEntry) {
    const metadata = Object.entries(e.metadata ?? {});
    const changes = changeList(e.changes);
    const by = impersonatorName(e);
    const target = targetOf(e);
    return html`<div class="details" id="details-${e.seq}">
      ${changes === nothing ? nothing : html`<h3>What changed</h3>${changes}`}
      ${metadata.length
        ? html`<h3>Recorded with it</h3>${this.facts(metadata.map(([key, value]) => [humanise(key), shownValue(value)]))}`
        : nothing}
      <h3>Entry</h3>
      ${this.facts([
        ['Number', String(e.seq)],
        ['Time', html`${localTime(e.at)} <span class="muted">(${utcIso(e.at)})</span>`],
        ['Action', html`<code>${e.action}</code>`],
        ['Plugin', e.plugin],
        ['Category', humanise(e.category)],
        ['How', VIA_LABELS[e.via ?? ''] ?? e.via],
        ['Actor', `${actorName(e)} (${e.actor?.type ?? ''} ${e.actor?.id ?? ''})`],
        ...(by ? [['Impersonated by', `${by} (user ${e.impersonator_id})`] as [string, unknown]] : []),
        ...(target ? [['Target', target] as [string, unknown]] : []),
        ['Request id', html`<code>${e.request_id}</code>`],
        ['Client address', shownValue(e.client_address)],
        ['User agent', shownValue(e.user_agent)],
      ])}
      <div class="row narrow">
        ${e.actor?.id
          ? html`<button class="th-btn" type="button" @click=${() => this.narrow({ actor: e.actor!.id })}>
              Only entries by ${actorName(e)}</button>`
          : nothing}
        ${target
          ? html`<button class="th-btn" type="button"
              @click=${() => this.narrow({ target_type: e.target.type, target_id: e.target.id })}>
              Only entries about ${phrase(e.target.type)} ${e.target.id}</button>`
          : nothing}
      </div>
    </div>`;
  }

  render() {
    const e = this.entry;
    return html`
      <div class="line">
        <p class="sentence">${auditSentence(e)}</p>
        ${when(e.at)}
      </div>
      <div class="facts">
        <span>#${e.seq}</span>
        <code>${e.action}</code>
        ${targetOf(e) ? html`<span class="target">${targetOf(e)}</span>` : nothing}
        ${this.badges(e)}
        <button class="th-btn th-btn-link toggle" type="button" aria-expanded=${String(this.open)}
          aria-controls=${this.open ? `details-${e.seq}` : nothing} @click=${() => (this.open = !this.open)}
          >${icon('chevron')}${this.open ? 'Hide details' : 'Details'}<span class="th-visually-hidden"
          > of entry ${e.seq}</span></button>
      </div>
      ${this.open ? this.details(e) : nothing}`;
  }
}
customElements.define('tabhost-audit-entry', AuditEntryView);
