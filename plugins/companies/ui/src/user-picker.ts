// A searchable picker over the tenant's users (GET /users?q=): a combobox
// with its list of matches, driven by the keyboard (arrows, Enter, Escape)
// or the pointer. Searches wait for a pause in typing; an older search's
// answer is dropped. Reports the choice as user-pick {id, name, email}.
import { LitElement, html, nothing } from 'lit';
import { problemOf, problemText, type Problem, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { emit, type Page } from './shared.js';

const DEBOUNCE_MS = 150;
const SHOWN = 8;

export interface PickedUser {
  id: string;
  name: string;
  email: string;
}

class UserPicker extends LitElement {
  static properties = {
    context: { attribute: false },
    members: { attribute: false },
    error: { attribute: false },
    text: { state: true },
    found: { state: true },
    active: { state: true },
    open: { state: true },
    problem: { state: true },
  };
  declare context?: TabContext;
  /** The ids of the company's members: marked in the list (choosing one changes their team and role). */
  declare members: ReadonlySet<string>;
  /** The form's error about the user, shown under the box. */
  declare error: string;
  declare text: string;
  declare found: PickedUser[] | null;
  /** The index of the highlighted match. */
  declare active: number;
  declare open: boolean;
  declare problem: Problem | null;

  #timer = 0;
  #seq = 0;
  #controller?: AbortController;

  constructor() {
    super();
    this.members = new Set();
    this.error = '';
    this.text = '';
    this.found = null;
    this.active = -1;
    this.open = false;
    this.problem = null;
  }

  protected createRenderRoot() {
    return this;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  /** Empties the box (after the choice was used). */
  clear() {
    this.text = '';
    this.found = null;
    this.open = false;
  }

  private type(e: Event) {
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => void this.search(), DEBOUNCE_MS);
  }

  private async search() {
    const ctx = this.context;
    if (!ctx) return;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const seq = ++this.#seq;
    const q = this.text.trim();
    try {
      const page = await ctx.api.get<Page<PickedUser>>('/users', {
        query: { q: q || undefined, limit: SHOWN },
        signal: controller.signal,
      });
      // An answer for other text than the box now holds (the focus asks for
      // everyone while the first keys are typed) is never offered: Enter
      // would pick from a list the user did not ask for. The text's own
      // search follows.
      if (seq !== this.#seq || q !== this.text.trim()) return;
      this.found = page.items.map(({ id, name, email }) => ({ id, name, email }));
      this.active = this.found.length ? 0 : -1;
      this.problem = null;
    } catch (err) {
      if (seq === this.#seq) this.problem = problemOf(err);
    }
  }

  private pick(user: PickedUser) {
    this.text = user.name.trim() ? `${user.name} <${user.email}>` : user.email;
    this.open = false;
    emit<PickedUser>(this, 'user-pick', user);
  }

  private key(e: KeyboardEvent) {
    const count = this.found?.length ?? 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.open) {
        this.open = true;
        if (!this.found) void this.search();
        return;
      }
      if (count) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : count - 1)) % count;
    } else if (e.key === 'Enter' && this.open && this.found?.[this.active]) {
      e.preventDefault();
      this.pick(this.found[this.active]);
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      this.open = false;
    }
  }

  private list() {
    if (!this.open) return nothing;
    if (this.problem) return html`<p class="th-error" role="alert">${problemText(this.problem)}</p>`;
    if (!this.found) return nothing;
    if (!this.found.length) return html`<p class="picker-none th-hint" role="status">No user matches.</p>`;
    return html`<ul class="picker-list" id="member-user-list" role="listbox" aria-label="Users">
      ${this.found.map(
        (u, i) => html`<li
          id="member-user-${i}"
          role="option"
          aria-selected=${i === this.active ? 'true' : 'false'}
          class=${i === this.active ? 'active' : ''}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.pick(u)}
        >
          <span class="picker-name">${u.name.trim() || u.email}</span>
          <span class="th-hint">${u.email}${this.members.has(u.id) ? ' · already a member' : ''}</span>
        </li>`,
      )}
    </ul>`;
  }

  protected render() {
    const expanded = this.open && Boolean(this.found?.length);
    return html`<div class="th-field picker">
      <label for="member-user">User</label>
      <input
        id="member-user"
        class="th-input"
        role="combobox"
        autocomplete="off"
        placeholder="Search by name or email"
        aria-autocomplete="list"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="member-user-list"
        aria-activedescendant=${expanded && this.active >= 0 ? `member-user-${this.active}` : nothing}
        aria-invalid=${this.error ? 'true' : nothing}
        aria-describedby=${this.error ? 'member-user-error' : nothing}
        .value=${this.text}
        @input=${this.type}
        @keydown=${this.key}
        @focus=${() => {
          this.open = true;
          if (!this.found) void this.search();
        }}
        @blur=${() => (this.open = false)}
      />
      ${this.list()}
      ${this.error ? html`<p class="th-error" id="member-user-error">${this.error}</p>` : nothing}
    </div>`;
  }
}

if (!customElements.get('tabhost-companies-user-picker'))
  customElements.define('tabhost-companies-user-picker', UserPicker);
export type { UserPicker };
