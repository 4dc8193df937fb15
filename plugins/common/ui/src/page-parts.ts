// Pieces the built-in tabs' pages share beyond their tables: links the
// shell navigates, and a refusal shown where the focus can go. Each tab
// bundles its own copy (tabs share no runtime).
import { html } from 'lit';
import { navigate, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';

/** A link's click, taken over by the shell's navigation unless it asks for a new tab or window. */
export function follow(e: MouseEvent, from: Element, to: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(from, to);
}

/** A refusal about no field, with its request id; focusable, for a form to move the focus to it. */
export function alertOf(p: Problem | null) {
  return p ? html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">${problemText(p)}</div>` : null;
}
