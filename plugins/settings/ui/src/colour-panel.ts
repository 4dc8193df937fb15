// The primary colour beside the form: a colour picker that edits the form's
// hex field (through the tab, with the form's setValue), a sample of the
// dashboard's colours as the shell would derive them, and what the colour
// does to readability. Renders into the tab's shadow root.
//
// Text on the colour is never the problem: the dashboard puts black or white
// on it, whichever reads better, and the better of the two is always at
// least 4.58:1 (the WCAG minimum for text is 4.5:1). What a light colour
// does make unreadable is the colour itself on the white page: a primary
// button or a selected mark under 3:1 (WCAG's minimum for controls) barely
// shows. That is what the warning is about, and it names the text colour.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { normalColor } from '../../../../sdk/ui/tabhost-ui.js';
import { palette, type Palette } from './palette.js';

/** Controls and marks need 3:1 against what is around them (WCAG 1.4.11). */
const MIN_PAGE_CONTRAST = 3;
/** Where the picker starts when the field is empty: the shell's default primary colour. */
const DEFAULT_PICK = '#334155';

const NOT_A_COLOUR = 'Type the colour as #rgb or #rrggbb to preview it.';
const NO_COLOUR = 'No colour of its own: the dashboard keeps the colour the tenant is configured with.';

/** Sent with the picked "#rrggbb" as its detail; the tab puts it into the form. */
export const COLOUR_PICKED = 'general-colour-picked';

const ratio = (value: number) => `${value.toFixed(1)}:1`;
const textColour = (p: Palette) => (p.onPrimary === '#fff' ? 'white' : 'black');

class ColourPanel extends LitElement {
  static properties = {
    colour: { attribute: false },
    fallback: { attribute: false },
    disabled: { attribute: false },
  };
  /** The field's value as it would be saved: text, possibly not (yet) a colour. */
  declare colour: unknown;
  /** The colour the dashboard shows now, where the picker starts when the field is empty. */
  declare fallback: string | null;
  /** The field is locked, or the user may not change it. */
  declare disabled: boolean;

  constructor() {
    super();
    this.colour = null;
    this.fallback = null;
    this.disabled = false;
  }

  protected createRenderRoot() {
    return this;
  }

  private get palette(): Palette | null {
    return palette(this.colour);
  }

  // Custom properties on the sample only (element.style, which the CSP allows): its
  // button, link and row take the colours the kit's classes would have with this colour.
  protected updated(changed: PropertyValues<this>) {
    if (!changed.has('colour')) return;
    const sample = this.querySelector<HTMLElement>('.sample');
    const p = this.palette;
    if (sample && p) for (const [name, value] of Object.entries(p.properties)) sample.style.setProperty(name, value);
  }

  private pick(e: Event) {
    const value = (e.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent(COLOUR_PICKED, { detail: value, bubbles: true }));
  }

  private verdict(p: Palette) {
    return html`${p.pageContrast < MIN_PAGE_CONTRAST
        ? html`<div class="th-alert th-alert-warning" role="status">
            <strong>Hard to see on the white page:</strong> ${ratio(p.pageContrast)} against white, under the
            ${MIN_PAGE_CONTRAST}:1 that buttons and marks need, so primary buttons and selected rows will barely
            stand out.
          </div>`
        : nothing}
      <p class="th-hint">
        The dashboard writes <strong>${textColour(p)}</strong> text on it (contrast ${ratio(p.textContrast)}); links and
        focus rings use <span class="th-mono">${p.strong}</span>, which reads on white.
      </p>`;
  }

  protected render() {
    const p = this.palette;
    const start = p?.primary ?? normalColor(this.fallback) ?? DEFAULT_PICK;
    return html`<h2>Primary colour</h2>
      <div class="th-field picker">
        <label for="colour-picker">Colour picker</label>
        <input type="color" id="colour-picker" .value=${start} ?disabled=${this.disabled}
          aria-describedby="colour-picker-hint" @input=${this.pick} />
        <span class="th-hint" id="colour-picker-hint">Sets the form's Primary color field; Save stores it.</span>
      </div>
      ${p
        ? html`<p class="th-label">Preview</p>
            <div class="sample" inert>
              <button type="button" class="th-btn th-btn-primary">Primary button</button>
              <a href="#preview">A link</a>
              <div class="rows">
                <div class="sample-row">A row</div>
                <div class="sample-row selected">A selected row</div>
              </div>
            </div>
            ${this.verdict(p)}`
        : html`<p class="th-hint">${this.colour ? NOT_A_COLOUR : NO_COLOUR}</p>`}`;
  }
}

if (!customElements.get('tabhost-general-colour')) customElements.define('tabhost-general-colour', ColourPanel);
