// A user's actions: one "Actions" button opening a menu (a popover, so the
// table's scrolling box does not clip it) of what the signed-in user may do
// to this user. Picking one reports users-action; the view that holds the
// dialogs acts, and gives the focus back to the button.
import { LitElement, html, nothing } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { actionLabel, actionsFor, emit, nameOf, type Action, type ActionRequest, type User } from './shared.js';

class RowActions extends LitElement {
  static properties = {
    context: { attribute: false },
    user: { attribute: false },
    omit: { attribute: false },
  };
  declare context?: TabContext;
  declare user?: User;
  /** Actions the view offers otherwise (a user's page is the edit form already). */
  declare omit: readonly Action[];

  constructor() {
    super();
    this.omit = [];
    this.addEventListener('focusout', this.onFocusOut);
  }

  protected createRenderRoot() {
    return this;
  }

  private get menu() {
    return this.querySelector<HTMLElement>('[popover]');
  }

  // Placed before it opens (the click comes before popovertarget's toggle):
  // below the button, right-aligned with it, or above when the viewport ends.
  private place(e: Event) {
    const menu = this.menu;
    if (!menu) return;
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const below = box.bottom < innerHeight * 0.6;
    menu.style.setProperty('right', `${Math.max(8, document.documentElement.clientWidth - box.right)}px`);
    menu.style.setProperty('top', below ? `${box.bottom + 4}px` : 'auto');
    menu.style.setProperty('bottom', below ? 'auto' : `${innerHeight - box.top + 4}px`);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.watchScroll(false);
  }

  private close() {
    const menu = this.menu;
    if (menu?.matches(':popover-open')) menu.hidePopover();
  }

  // Placed once, the menu would drift from its button on any scroll: it closes
  // instead. The page's scroll reaches the window; the table box's stays in
  // the tab's shadow root. Scrolling the menu itself is no reason.
  #onScroll = (e: Event) => {
    if (!this.menu?.contains(e.target as Node)) this.close();
  };
  /** Where the scroll listeners are, while the menu is open. */
  #watched: EventTarget[] = [];

  private watchScroll(on: boolean) {
    for (const target of this.#watched) target.removeEventListener('scroll', this.#onScroll, true);
    this.#watched = on ? [...new Set<EventTarget>([window, this.getRootNode()])] : [];
    for (const target of this.#watched) target.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
  }

  private onToggle(e: ToggleEvent) {
    const open = e.newState === 'open';
    this.watchScroll(open);
    if (open) this.menu?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  }

  // Focus leaving the menu and its button (Tab past the last item) closes it.
  // No new focus (another window, a click on nothing) is left to the popover's
  // own light dismiss: a browser that does not focus a clicked button must
  // still get the click on the item.
  private onFocusOut(e: FocusEvent) {
    const to = e.relatedTarget as Node | null;
    if (to && !this.contains(to)) this.close();
  }

  // Arrows move between the items; Escape and clicks elsewhere close the popover by themselves.
  private onKey(e: KeyboardEvent) {
    const items = [...(this.menu?.querySelectorAll<HTMLElement>('button') ?? [])];
    const at = items.indexOf(e.target as HTMLElement);
    const to =
      e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? -1 : null;
    if (to === null || !items.length) return;
    e.preventDefault();
    items.at(to % items.length)?.focus();
  }

  private pick(action: Action) {
    const toggle = this.querySelector<HTMLElement>('.actions-toggle')!;
    this.close();
    toggle.focus();
    emit<ActionRequest>(this, 'users-action', { action, user: this.user!, opener: toggle });
  }

  protected render() {
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u) return nothing;
    const actions = actionsFor(ctx, u).filter((a) => !this.omit.includes(a));
    if (!actions.length) return nothing;
    const name = nameOf(u);
    const id = `actions-${u.id}`;
    return html`<button
        type="button"
        class="th-btn actions-toggle"
        popovertarget=${id}
        aria-label="Actions for ${name}"
        @click=${this.place}
      >
        Actions<span aria-hidden="true">▾</span>
      </button>
      <div id=${id} popover class="menu" @toggle=${this.onToggle} @keydown=${this.onKey}>
        ${actions.map((a) => {
          const [text, label] = actionLabel(a, name);
          return html`<button
            type="button"
            class="th-btn th-btn-link ${a === 'delete' ? 'danger' : ''}"
            aria-label=${label}
            @click=${() => this.pick(a)}
          >
            ${text}
          </button>`;
        })}
      </div>`;
  }
}

if (!customElements.get('tabhost-users-row-actions')) customElements.define('tabhost-users-row-actions', RowActions);
