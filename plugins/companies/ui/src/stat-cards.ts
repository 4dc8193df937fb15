// The plugin's stat cards (companies, awaiting review, verified call trees)
// as GET /dashboard computes them for the Overview. A view that changes the
// counts calls reload(); only the latest answer is shown.
import { LitElement, html, type PropertyValues } from 'lit';
import { problemOf, problemText, type Problem, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';

interface Card {
  plugin: string;
  id: string;
  label: string;
  value: number | null;
  error?: string;
}

class StatCards extends LitElement {
  static properties = {
    context: { attribute: false },
    cards: { state: true },
    problem: { state: true },
  };
  declare context?: TabContext;
  /** null until the first answer: skeletons meanwhile. */
  declare cards: Card[] | null;
  declare problem: Problem | null;

  #seq = 0;

  constructor() {
    super();
    this.cards = null;
    this.problem = null;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('context') && this.context && !changed.get('context')) void this.reload();
  }

  async reload() {
    const ctx = this.context;
    if (!ctx) return;
    const seq = ++this.#seq;
    try {
      const { cards } = await ctx.api.get<{ cards: Card[] }>('/dashboard');
      if (seq !== this.#seq) return;
      this.cards = cards.filter((c) => c.plugin === 'companies');
      this.problem = null;
    } catch (err) {
      if (seq === this.#seq) this.problem = problemOf(err);
    }
  }

  protected render() {
    if (this.problem) return html`<p class="th-alert th-alert-error" role="alert">${problemText(this.problem)}</p>`;
    const cards = this.cards;
    return html`<ul class="th-cards stats" aria-label="Company counts" aria-busy=${cards ? 'false' : 'true'}>
      ${cards
        ? cards.map(
            (c) => html`<li class="th-card" data-card=${c.id}>
              <div class="th-stat-value">${c.value === null ? '—' : c.value.toLocaleString()}</div>
              <div class="th-stat-label">${c.label}</div>
            </li>`,
          )
        : [1, 2, 3].map(
            () => html`<li class="th-card">
              <div class="th-stat-value"><span class="th-skeleton"></span></div>
              <div class="th-stat-label"><span class="th-skeleton"></span></div>
            </li>`,
          )}
    </ul>`;
  }
}

if (!customElements.get('tabhost-companies-stats')) customElements.define('tabhost-companies-stats', StatCards);
export type { StatCards };
