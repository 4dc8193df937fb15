// Pieces the built-in tabs' pages share beyond their tables: a refusal
// shown where the focus can go (links are in links.ts). Each tab bundles its
// own copy (tabs share no runtime).
import { html } from 'lit';
import { problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';

/** A refusal about no field, with its request id; focusable, for a form to move the focus to it. */
export function alertOf(p: Problem | null) {
  return p ? html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">${problemText(p)}</div>` : null;
}
