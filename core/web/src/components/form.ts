// Form fields and error display, one way everywhere: an error that names a
// field sits next to it (aria-invalid + aria-describedby); any other error
// is one alert with the request id support can look up.
import { html, nothing, type TemplateResult } from 'lit';
import { problemText, type Problem } from '../kit';

// The kit's, which the plugins' tabs use too: one way to read an error.
export { problemOf, problemText, type Problem } from '../kit';

/** The alert for a problem no field on the form shows. */
export function formAlert(problem: Problem | null, fields: readonly string[] = []) {
  if (!problem || (problem.field && fields.includes(problem.field))) return nothing;
  return html`<div class="th-alert th-alert-error" role="alert">${problemText(problem)}</div>`;
}

export interface FieldA11y {
  invalid: 'true' | 'false';
  describedBy: string | typeof nothing;
}

export interface FieldOptions {
  /** The control's id; the field errors are matched on `field` (its name). */
  id: string;
  field?: string;
  label: unknown;
  hints?: unknown[];
  problem?: Problem | null;
  /** A checkbox: its label follows it. */
  inline?: boolean;
  /** Several controls under one caption (a secret): a group, not a <label>. */
  group?: boolean;
}

/** A labelled control with its hints and its error. */
export function field(options: FieldOptions, control: (a11y: FieldA11y) => TemplateResult) {
  const { id, problem } = options;
  const error = problem && problem.field === (options.field ?? id) ? problem.message : '';
  const hints = (options.hints ?? []).filter(Boolean).map((text, i) => ({ id: `${id}-hint${i}`, text }));
  const described = [...hints.map((hint) => hint.id), ...(error ? [`${id}-error`] : [])];
  const a11y: FieldA11y = { invalid: error ? 'true' : 'false', describedBy: described.join(' ') || nothing };
  const label = options.group
    ? html`<span class="th-label" id="${id}-label">${options.label}</span>`
    : html`<label for=${id}>${options.label}</label>`;
  return html`<div class="th-field" role=${options.group ? 'group' : nothing}
      aria-labelledby=${options.group ? `${id}-label` : nothing}>
    ${options.inline ? html`<div class="check">${control(a11y)}${label}</div>` : html`${label}${control(a11y)}`}
    ${hints.map((hint) => html`<span class="th-hint" id=${hint.id}>${hint.text}</span>`)}
    ${error ? html`<span class="th-error" id="${id}-error" role="alert">${error}</span>` : nothing}
  </div>`;
}

export interface TextFieldOptions {
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  hint?: string;
  autofocus?: boolean;
}

/** A required text input, read back with FormData under `name`. */
export function textField(options: TextFieldOptions, problem: Problem | null) {
  return field({ id: options.name, label: options.label, hints: [options.hint], problem }, (a11y) => html`
    <input class="th-input" id=${options.name} name=${options.name} type=${options.type ?? 'text'} required
      autocomplete=${options.autocomplete ?? nothing} inputmode=${options.inputmode ?? nothing}
      ?autofocus=${options.autofocus} aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}>`);
}

/** Stops a form's submission (the page handles it) and gives its values by input name. */
export function submitted(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(event.target as HTMLFormElement)) values[name] = String(value);
  return values;
}

const NEW_PASSWORD_HINT = 'At least 8 characters.';
export const MISMATCH: Problem = { field: 'repeat_password', message: 'The two passwords differ.' };

/** The "New password" and "Repeat new password" pair, checked with passwordsDiffer. */
export function newPasswordFields(problem: Problem | null, newName = 'new_password') {
  return html`
    ${textField({ name: newName, label: 'New password', type: 'password', autocomplete: 'new-password',
                  hint: NEW_PASSWORD_HINT }, problem)}
    ${textField({ name: 'repeat_password', label: 'Repeat new password', type: 'password',
                  autocomplete: 'new-password' }, problem)}`;
}

export const passwordsDiffer = (values: Record<string, string>, newName = 'new_password') =>
  values[newName] !== values.repeat_password;
