// One labelled control of a form with its hint and its error beside it,
// tied together by aria-describedby, over the kit's classes.
import { html, nothing, type TemplateResult } from 'lit';

export interface FieldOptions {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  error?: string;
  hint?: string | TemplateResult;
  type?: string;
  maxlength?: number;
  autocomplete?: string;
  placeholder?: string;
  required?: boolean;
  inputmode?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** A <textarea> of this many rows instead of an <input>. */
  rows?: number;
  /** <option>s: a <select> instead of an <input>. */
  options?: readonly (readonly [string, string])[];
  /** Extra classes of the field's wrapper. */
  class?: string;
}

function describedBy(o: FieldOptions) {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

function control(o: FieldOptions) {
  const value = (e: Event) => o.onInput((e.target as HTMLInputElement).value);
  const invalid = o.error ? 'true' : nothing;
  if (o.options)
    return html`<select id=${o.id} class="th-select" aria-invalid=${invalid} aria-describedby=${describedBy(o)}
      ?required=${o.required} @change=${value}>
      ${o.options.map(([v, text]) => html`<option value=${v} .selected=${v === o.value}>${text}</option>`)}
    </select>`;
  if (o.rows)
    return html`<textarea id=${o.id} class="th-textarea" rows=${o.rows} maxlength=${o.maxlength ?? nothing}
      aria-invalid=${invalid} aria-describedby=${describedBy(o)} .value=${o.value} @input=${value}></textarea>`;
  return html`<input
    id=${o.id}
    class="th-input"
    type=${o.type ?? 'text'}
    maxlength=${o.maxlength ?? nothing}
    autocomplete=${o.autocomplete ?? 'off'}
    placeholder=${o.placeholder ?? nothing}
    inputmode=${o.inputmode ?? nothing}
    list=${o.list ?? nothing}
    ?required=${o.required}
    aria-invalid=${invalid}
    aria-describedby=${describedBy(o)}
    .value=${o.value}
    @input=${value}
  />`;
}

export function field(o: FieldOptions) {
  return html`<div class="th-field ${o.class ?? ''}">
    <label for=${o.id}>${o.label}</label>
    ${control(o)}
    ${o.hint ? html`<span class="th-hint" id="${o.id}-hint">${o.hint}</span>` : nothing}
    ${o.error ? html`<p class="th-error" id="${o.id}-error">${o.error}</p>` : nothing}
  </div>`;
}
