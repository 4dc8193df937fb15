// The visual call-tree (IVR) editor: the main menu's entries, each a key, a
// label and what pressing it does, with the menu an entry opens nested under
// it. Entries are added, removed and moved up or down; what the API would
// refuse (and what it refused) shows on the entry it concerns.
//
// It edits the tree it is given in place and reports each edit as
// call-tree-change; the editor page checks the tree and hands the problems
// back. Renders into the tab's shadow root.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  ACTIONS,
  DIGITS,
  MAX_ENTRIES,
  MAX_LENGTH,
  freeDigit,
  newEntry,
  newMenu,
  type Action,
  type Entry,
  type Menu,
  type TreeProblem,
} from './call-tree.js';
import { emit } from './shared.js';

/** "Main menu", "Menu 1 › 2": the keys a caller presses to get there. */
function menuTitle(path: readonly string[]): string {
  return path.length ? `Menu ${path.join(' › ')}` : 'Main menu';
}

class CallTreeEditor extends LitElement {
  static properties = {
    root: { attribute: false },
    problems: { attribute: false },
    disabled: { type: Boolean },
  };
  /** The tree being edited (changed in place). */
  declare root: Menu;
  /** What is wrong, by the key of the menu or entry: found before saving, or refused by the API. */
  declare problems: ReadonlyMap<number, readonly TreeProblem[]>;
  declare disabled: boolean;

  constructor() {
    super();
    this.problems = new Map();
    this.disabled = false;
  }

  protected createRenderRoot() {
    return this;
  }

  /** Applies an edit, shows it, tells the page, and then focuses `focus` (an input's id) if given. */
  private async edit(change: () => void, focus?: string) {
    change();
    this.requestUpdate();
    emit(this, 'call-tree-change');
    if (!focus) return;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${focus}`)?.focus();
  }

  private setAction(e: Entry, action: Action) {
    void this.edit(() => {
      e.action = action;
      e.menu ??= action === 'submenu' ? newMenu() : null;
    });
  }

  private moveEntry(menu: Menu, from: number, by: number) {
    const entry = menu.entries[from];
    const to = from + by;
    // The button pressed may go (the first has no Up): the focus stays on the entry's other one.
    const button = to === 0 ? 'down' : to === menu.entries.length - 1 ? 'up' : by < 0 ? 'up' : 'down';
    void this.edit(() => {
      menu.entries.splice(from, 1);
      menu.entries.splice(to, 0, entry);
    }, `ct-${entry.key}-${button}`);
  }

  private removeEntry(menu: Menu, at: number) {
    const next = menu.entries[at + 1] ?? menu.entries[at - 1];
    void this.edit(() => menu.entries.splice(at, 1), next ? `ct-${next.key}-label` : `ct-${menu.key}-add`);
  }

  private addEntry(menu: Menu) {
    const entry = newEntry(freeDigit(menu));
    void this.edit(() => menu.entries.push(entry), `ct-${entry.key}-label`);
  }

  /** The problems of `key` about `field` (all of them for "*"), and the aria a control with them needs. */
  private about(key: number, field: string) {
    const list = (this.problems.get(key) ?? []).filter((p) => field === '*' || p.field === field);
    return {
      list,
      invalid: list.length ? 'true' : nothing,
      describedBy: list.length ? `ct-${key}-problems` : nothing,
    };
  }

  private problemList(key: number) {
    const { list } = this.about(key, '*');
    return list.length
      ? html`<ul class="ct-problems th-error" id="ct-${key}-problems">
          ${list.map((p) => html`<li>${p.message}</li>`)}
        </ul>`
      : nothing;
  }

  private target(e: Entry) {
    if (e.action !== 'transfer' && e.action !== 'queue') return nothing;
    const field = e.action === 'transfer' ? 'number' : 'queue';
    const id = `ct-${e.key}-${field}`;
    const a = this.about(e.key, field);
    return html`<div class="th-field ct-target">
      <label for=${id}>${field === 'number' ? 'Number' : 'Queue'}</label>
      <input
        id=${id}
        class="th-input"
        type=${field === 'number' ? 'tel' : 'text'}
        maxlength=${field === 'number' ? 16 : MAX_LENGTH.queue}
        placeholder=${field === 'number' ? '+14155550100' : 'support'}
        autocomplete="off"
        .value=${field === 'number' ? e.number : e.queue}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedBy}
        @input=${(ev: Event) =>
          this.edit(() => (e[field] = (ev.target as HTMLInputElement).value))}
      />
    </div>`;
  }

  private entry(menu: Menu, e: Entry, at: number, path: readonly string[]): TemplateResult {
    const where = `${menuTitle(path)}, entry ${at + 1}`;
    const digit = this.about(e.key, 'digit');
    const label = this.about(e.key, 'label');
    const action = this.about(e.key, 'action');
    const last = menu.entries.length - 1;
    return html`<div class="ct-entry ${this.about(e.key, '*').list.length ? 'invalid' : ''}" role="group" aria-label=${where}>
      <div class="ct-row">
        <div class="th-field ct-digit">
          <label for="ct-${e.key}-digit">Key</label>
          <select
            id="ct-${e.key}-digit"
            class="th-select"
            aria-invalid=${digit.invalid}
            aria-describedby=${digit.describedBy}
            @change=${(ev: Event) => this.edit(() => (e.digit = (ev.target as HTMLSelectElement).value))}
          >
            ${e.digit ? nothing : html`<option value="" selected>—</option>`}
            ${DIGITS.map((d) => html`<option value=${d} .selected=${d === e.digit}>${d}</option>`)}
          </select>
        </div>
        <div class="th-field ct-label">
          <label for="ct-${e.key}-label">Label</label>
          <input
            id="ct-${e.key}-label"
            class="th-input"
            maxlength=${MAX_LENGTH.label}
            autocomplete="off"
            .value=${e.label}
            aria-invalid=${label.invalid}
            aria-describedby=${label.describedBy}
            @input=${(ev: Event) => this.edit(() => (e.label = (ev.target as HTMLInputElement).value))}
          />
        </div>
        <div class="th-field ct-action">
          <label for="ct-${e.key}-action">Action</label>
          <select
            id="ct-${e.key}-action"
            class="th-select"
            aria-invalid=${action.invalid}
            aria-describedby=${action.describedBy}
            @change=${(ev: Event) => this.setAction(e, (ev.target as HTMLSelectElement).value as Action)}
          >
            ${ACTIONS.map(([a, text]) => html`<option value=${a} .selected=${a === e.action}>${text}</option>`)}
          </select>
        </div>
        ${this.target(e)}
        <div class="ct-buttons">
          ${at > 0
            ? html`<button type="button" class="th-btn" id="ct-${e.key}-up" aria-label="Move ${where} up"
                @click=${() => this.moveEntry(menu, at, -1)}>↑</button>`
            : nothing}
          ${at < last
            ? html`<button type="button" class="th-btn" id="ct-${e.key}-down" aria-label="Move ${where} down"
                @click=${() => this.moveEntry(menu, at, 1)}>↓</button>`
            : nothing}
          <button type="button" class="th-btn" aria-label="Remove ${where}" @click=${() => this.removeEntry(menu, at)}>
            Remove
          </button>
        </div>
      </div>
      ${this.problemList(e.key)}
      ${e.action === 'submenu' && e.menu ? this.menu(e.menu, [...path, e.digit || '?'], e.label.trim()) : nothing}
    </div>`;
  }

  /** A menu; `opener`: the label of the entry that opens it, shown beside its title. */
  private menu(menu: Menu, path: readonly string[], opener = ''): TemplateResult {
    const title = menuTitle(path);
    const prompt = this.about(menu.key, 'prompt');
    return html`<fieldset class="ct-menu" ?disabled=${this.disabled}>
      <legend>${title}${opener ? html` <span class="th-hint">(${opener})</span>` : nothing}</legend>
      <div class="th-field ct-prompt">
        <label for="ct-${menu.key}-prompt">Greeting <span class="th-hint">(optional)</span></label>
        <input
          id="ct-${menu.key}-prompt"
          class="th-input"
          maxlength=${MAX_LENGTH.prompt}
          placeholder=${path.length ? 'What the caller hears in this menu' : 'Welcome! For sales, press 1.'}
          .value=${menu.prompt}
          aria-invalid=${prompt.invalid}
          aria-describedby=${prompt.describedBy}
          @input=${(ev: Event) => this.edit(() => (menu.prompt = (ev.target as HTMLInputElement).value))}
        />
      </div>
      ${this.problemList(menu.key)}
      <div class="ct-entries">
        ${repeat(menu.entries, (e) => e.key, (e, at) => this.entry(menu, e, at, path))}
      </div>
      <button
        type="button"
        class="th-btn ct-add"
        id="ct-${menu.key}-add"
        ?disabled=${menu.entries.length >= MAX_ENTRIES}
        @click=${() => this.addEntry(menu)}
      >
        Add an entry to ${path.length ? title.replace('Menu', 'menu') : 'the main menu'}
      </button>
    </fieldset>`;
  }

  protected render() {
    return this.root ? this.menu(this.root, []) : nothing;
  }
}

if (!customElements.get('tabhost-companies-call-tree'))
  customElements.define('tabhost-companies-call-tree', CallTreeEditor);
