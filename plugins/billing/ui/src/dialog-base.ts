// What the catalog's dialogs do alike: open modal about one plan (or none,
// to add one), keep the server's refusal beside the field it names or above
// the buttons, refuse to close while a request runs, and give the focus back
// to whatever opened them. Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { PLAN_CHANGED, problemOf, type Plan, type PlanChange, type Problem } from './shared.js';

export abstract class PlanDialog extends LitElement {
  // Typed wide, so that each dialog declares only its own (Lit merges the base's).
  static properties: PropertyDeclarations = {
    context: { attribute: false },
    plan: { state: true },
    shown: { state: true },
    busy: { state: true },
    problem: { state: true },
    errors: { state: true },
  };
  declare context?: TabContext;
  /** The plan the dialog is about; null when it adds one. */
  declare plan: Plan | null;
  declare shown: boolean;
  declare busy: boolean;
  /** An error about no field: shown above the buttons. */
  declare problem: Problem | null;
  /** Errors the API tied to a field, by field. */
  declare errors: Record<string, string>;

  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.plan = null;
    this.shown = false;
    this.busy = false;
    this.problem = null;
    this.errors = {};
  }

  protected createRenderRoot() {
    return this;
  }

  /** The id of the dialog's heading, which names it. */
  protected get titleId() {
    return `${this.localName}-title`;
  }

  /** Resets the dialog's own inputs before it opens. */
  protected abstract reset(): void;
  /** The heading, the body and the buttons. */
  protected abstract content(): TemplateResult;

  async open(plan: Plan | null, opener: HTMLElement | null) {
    this.#opener = opener;
    this.plan = plan;
    this.problem = null;
    this.errors = {};
    this.reset();
    this.shown = true;
    await this.updateComplete;
    this.querySelector('dialog')?.showModal();
  }

  close() {
    this.querySelector('dialog')?.close();
  }

  /** Reads a refusal: by default beside the field it names when the dialog has it, else above the buttons. */
  protected refused(error: unknown, fields: readonly string[]) {
    const p = problemOf(error);
    if (p.field && fields.includes(p.field)) this.errors = { [p.field]: p.message };
    else this.problem = p;
  }

  /** Runs the request; undefined when the API refused it (the refusal is shown). */
  protected async run<T>(request: () => Promise<T>, fields: readonly string[] = []): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.problem = null;
    this.errors = {};
    try {
      return await request();
    } catch (error) {
      this.refused(error, fields);
      // The focus goes to the field the error names, or else to the alert, so that it is read out.
      await this.updateComplete;
      this.querySelector<HTMLElement>('dialog [aria-invalid="true"], dialog [role="alert"]')?.focus();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Hands the server's answer to the list, and closes. */
  protected done(change: PlanChange) {
    this.dispatchEvent(new CustomEvent<PlanChange>(PLAN_CHANGED, { detail: change, bubbles: true }));
    this.close();
  }

  private onClose() {
    this.shown = false;
    const opener = this.#opener;
    this.#opener = null;
    // The opener may be gone (a deleted row): then the list moves the focus.
    if (opener?.isConnected) opener.focus();
  }

  protected render() {
    return html`<dialog
      aria-labelledby=${this.titleId}
      @close=${this.onClose}
      @cancel=${(e: Event) => this.busy && e.preventDefault()}
    >
      ${this.shown ? this.content() : nothing}
    </dialog>`;
  }
}
