// The Overview: every plugin's stat cards, then recent activity.
import { LitElement, css, html, nothing } from 'lit';
import { kit, shared } from '../components/styles';
import { problemText, problemOf, type Problem } from '../components/form';
import { auditSentence } from '../components/audit-parts';
import { when } from '../format';
import type { AuditItem, DashboardData, Me, Services, StatCard } from '../types';

const numbers = new Intl.NumberFormat();

/**
 * A card's value: a number, or an object of counts whose `total` (or
 * `value`, `count`) is the headline and the rest a breakdown.
 */
function figures(card: StatCard): { headline: string | null; breakdown: string } {
  const value = card.value;
  if (card.error || value === null || value === undefined) return { headline: null, breakdown: '' };
  if (typeof value === 'number') return { headline: numbers.format(value), breakdown: '' };
  const counts = Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const main = counts.find(([key]) => ['total', 'value', 'count'].includes(key));
  return {
    headline: main ? numbers.format(main[1]) : null,
    breakdown: counts.filter((entry) => entry !== main && entry[1] > 0)
      .map(([key, n]) => `${numbers.format(n)} ${key.replace(/_/g, ' ')}`).join(' · '),
  };
}

export class Overview extends LitElement {
  static properties = {
    services: { attribute: false },
    me: { attribute: false },
    data: { state: true },
    problem: { state: true },
  };
  static styles = [kit, shared, css`
    :host { display: flex; flex-direction: column; gap: 2rem; }
    .th-cards { grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; margin: 0; }
    /* Two cards a row in a side panel: one a row would push the activity out of sight. */
    @media (max-width: 640px) { .th-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; } }
    .stat { display: flex; flex-direction: column; gap: 0.25rem; min-height: 7.5rem; color: inherit; text-decoration: none; }
    a.stat:hover { border-color: var(--tabhost-primary); }
    .unavailable { font-size: 1rem; font-weight: 500; color: var(--tabhost-text-muted); padding-top: 0.625rem; }
    .breakdown { color: var(--tabhost-text-muted); font-size: 0.8125rem; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; padding: 0.75rem 0;
      border-bottom: 1px solid var(--tabhost-border); }
    li:last-child { border-bottom: 0; }
    li time { color: var(--tabhost-text-muted); font-size: 0.8125rem; white-space: nowrap; }
    .activity { padding-block: 0.5rem; }
    .activity .th-empty { padding: 1.5rem 1rem; }
    h2 { margin-bottom: 0.75rem; }
  `];
  declare services: Services;
  declare me: Me;
  declare data: DashboardData | null;
  declare problem: Problem | null;

  constructor() {
    super();
    this.data = null;
    this.problem = null;
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.data = null;
    this.problem = null;
    try {
      this.data = await this.services.api.get<DashboardData>('/dashboard');
    } catch (error) {
      this.problem = problemOf(error);
    }
  }

  private card(card: StatCard) {
    const { headline, breakdown } = figures(card);
    const body = html`
      <span class="th-stat-label">${card.label}</span>
      ${headline === null
        ? html`<span class="unavailable">Unavailable</span>`
        : html`<span class="th-stat-value">${headline}</span>`}
      ${breakdown ? html`<span class="breakdown">${breakdown}</span>` : nothing}`;
    return this.me.tabs.some((tab) => tab.id === card.plugin)
      ? html`<a class="th-card stat" href="${this.services.base}${card.plugin}">${body}</a>`
      : html`<div class="th-card stat">${body}</div>`;
  }

  private activity(items: AuditItem[] | null) {
    if (!items) return nothing;
    const newest = [...items].sort((a, b) => b.seq - a.seq);
    return html`<section aria-labelledby="activity">
      <h2 id="activity">Recent activity</h2>
      <div class="th-card activity">
        ${newest.length
          ? html`<ol>${newest.map((item) => html`<li><span>${auditSentence(item)}</span>${when(item.at)}</li>`)}</ol>`
          : html`<p class="th-empty">No activity yet.</p>`}
      </div>
    </section>`;
  }

  render() {
    if (this.problem)
      return html`<div class="th-card" role="alert">
        <p>Could not load the overview: ${problemText(this.problem)}</p>
        <button class="th-btn" type="button" @click=${this.load}>Retry</button>
      </div>`;
    if (!this.data)
      return html`<div class="th-cards" aria-busy="true">
        ${[1, 2, 3].map(() => html`<div class="th-card stat"><span class="th-skeleton wide"></span>
          <span class="th-skeleton tall"></span></div>`)}
      </div>`;
    const { cards, activity } = this.data;
    return html`
      ${cards.length
        ? html`<div class="th-cards">${cards.map((card) => this.card(card))}</div>`
        : html`<p class="th-card th-empty">Nothing to show here yet.</p>`}
      ${this.activity(activity)}`;
  }
}
customElements.define('tabhost-overview', Overview);
