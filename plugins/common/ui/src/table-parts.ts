// Pieces the built-in tabs' tables share: times, collapsed badges, loading
// rows. Lit templates over the kit's classes. Each tab bundles its own copy
// (tabs share no runtime); a third party's tab has the kit for the same.
import { html, nothing } from 'lit';
import { localTime, relativeTime, utcIso } from '../../../../sdk/ui/tabhost-ui.js';

/** A relative time with the exact local time on hover; `never` when there is none. */
export function when(iso: string | null | undefined, never = 'Never') {
  return iso
    ? html`<time datetime=${utcIso(iso)} title=${localTime(iso)}>${relativeTime(iso)}</time>`
    : never;
}

/**
 * At most `max` badges; the rest collapse into "+N more", still readable on
 * hover and, in full, to a screen reader.
 */
export function badges(values: readonly string[], max = 3) {
  const rest = values.slice(max);
  return html`<div class="badges">
    ${values.slice(0, max).map((v) => html`<span class="th-badge">${v}</span>`)}
    ${rest.length
      ? html`<span class="th-badge" title=${values.join(', ')}
          >+${rest.length} more<span class="th-visually-hidden">: ${rest.join(', ')}</span></span
        >`
      : nothing}
  </div>`;
}

/**
 * Rows showing a table's shape while it loads: a skeleton in each labelled
 * cell (labels as the stacked layout shows them), an empty one for ''.
 */
export function skeletonRows(cells: readonly string[], rows = 3) {
  const row = html`<tr>
    ${cells.map((c) => (c ? html`<td data-label=${c}><span class="th-skeleton"></span></td>` : html`<td></td>`))}
  </tr>`;
  return Array.from({ length: rows }, () => row);
}
