// Tabhost plugin UI kit (contract version 1): event helpers, the branding's
// CSS custom properties and a small stylesheet built on them. Plain ES
// module with no dependencies, so a plugin may bundle it or embed it as it
// is. Types and documentation: tabhost-ui.d.ts and docs/plugin-ui.md.

export const CONTRACT_VERSION = 1;

export const EVENTS = Object.freeze({
  navigate: 'tabhost:navigate',
  toast: 'tabhost:toast',
  title: 'tabhost:title',
  unsaved: 'tabhost:unsaved',
  history: 'tabhost:history',
  refresh: 'tabhost:refresh',
  settingsChange: 'tabhost:settings-change',
  settingsSaved: 'tabhost:settings-saved',
});

// Composed and bubbling, so that an event from deep inside a tab's shadow
// root reaches the shell.
function emit(from, type, detail) {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

export function navigate(from, to, options = {}) {
  emit(from, EVENTS.navigate, { to, replace: Boolean(options.replace) });
}

export function toast(from, message, kind = 'info') {
  emit(from, EVENTS.toast, { message, kind });
}

export function setTitle(from, title) {
  emit(from, EVENTS.title, { title });
}

export function setUnsaved(from, unsaved) {
  emit(from, EVENTS.unsaved, { unsaved: Boolean(unsaved) });
}

export function openHistory(from, resource, id, title) {
  emit(from, EVENTS.history, { resource, id, title });
}

export function refresh(from) {
  emit(from, EVENTS.refresh, {});
}

export const CSS_PROPERTIES = Object.freeze([
  '--tabhost-primary',
  '--tabhost-on-primary',
  '--tabhost-primary-strong',
  '--tabhost-primary-soft',
  '--tabhost-focus',
  '--tabhost-surface',
  '--tabhost-surface-muted',
  '--tabhost-text',
  '--tabhost-text-muted',
  '--tabhost-border',
  '--tabhost-danger',
  '--tabhost-success',
  '--tabhost-warning',
  '--tabhost-radius',
  '--tabhost-font',
  '--tabhost-font-mono',
]);

// The colours the shell derives from a tenant's primary colour. Here, so
// that a tab previewing a colour (the General tab) computes exactly what the
// shell will apply.
export function normalColor(text) {
  const match = typeof text === 'string' ? /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim()) : null;
  if (!match) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return `#${digits.toLowerCase()}`;
}

const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(normalColor(hex).slice(i, i + 2), 16));
const hexOf = (rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mixed = (from, to, amount) => from.map((v, i) => v + (to[i] - v) * amount);

// WCAG 2 relative luminance.
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const ratioOf = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

export function contrastRatio(a, b) {
  return ratioOf(rgbOf(a), rgbOf(b));
}

export function brandColors(primary) {
  if (!normalColor(primary)) return null;
  const white = [255, 255, 255], black = [0, 0, 0];
  const rgb = rgbOf(primary);
  // Links, hover and focus sit on white: darkened until they reach 4.5:1.
  let strong = rgb;
  while (ratioOf(strong, white) < 4.5) strong = mixed(strong, black, 0.05);
  return {
    '--tabhost-primary': hexOf(rgb),
    '--tabhost-on-primary': ratioOf(rgb, white) >= ratioOf(rgb, black) ? '#fff' : '#000',
    '--tabhost-primary-strong': hexOf(strong),
    '--tabhost-primary-soft': hexOf(mixed(rgb, white, 0.85)),
    '--tabhost-focus': hexOf(strong),
  };
}

// Fallbacks after each var() keep a tab readable outside the shell (a
// plugin author's own test page).
// A primary button darkens a little on hover rather than taking
// primary-strong, which is made to read on white: its text may be black.
export const kitCss = `
:host { display: block; color: var(--tabhost-text, #111827); font-family: var(--tabhost-font, system-ui, sans-serif); font-size: 0.9375rem; line-height: 1.5; }
* { box-sizing: border-box; }
h2 { font-size: 1.125rem; margin: 0 0 0.75rem; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
p { margin: 0 0 0.75rem; }
a { color: var(--tabhost-primary-strong, #1d4ed8); }
:focus-visible { outline: 3px solid var(--tabhost-focus, #2563eb); outline-offset: 2px; }
.th-toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 1rem; }
.th-toolbar .th-grow { flex: 1 1 auto; }
.th-btn { display: inline-flex; align-items: center; gap: 0.375rem; min-height: 2.25rem; padding: 0.375rem 0.875rem; border-radius: var(--tabhost-radius, 6px); border: 1px solid var(--tabhost-border, #d1d5db); background: var(--tabhost-surface, #fff); color: var(--tabhost-text, #111827); font: inherit; font-weight: 500; cursor: pointer; text-decoration: none; }
.th-btn:hover { background: var(--tabhost-surface-muted, #f3f4f6); }
.th-btn[disabled] { opacity: 0.55; cursor: not-allowed; }
.th-btn-primary { background: var(--tabhost-primary, #2563eb); border-color: var(--tabhost-primary, #2563eb); color: var(--tabhost-on-primary, #fff); }
.th-btn-primary:hover { background: var(--tabhost-primary, #2563eb); box-shadow: inset 0 0 0 100vmax rgb(0 0 0 / 0.08); }
.th-btn-danger { background: var(--tabhost-danger, #b91c1c); border-color: var(--tabhost-danger, #b91c1c); color: #fff; }
.th-btn-danger:hover { background: #991b1b; }
.th-btn-link { border-color: transparent; background: transparent; color: var(--tabhost-primary-strong, #1d4ed8); padding-inline: 0.25rem; }
.th-field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.875rem; }
.th-field label, .th-label { font-weight: 600; font-size: 0.875rem; }
.th-hint { color: var(--tabhost-text-muted, #4b5563); font-size: 0.8125rem; }
.th-input, .th-select, .th-textarea { width: 100%; min-height: 2.25rem; padding: 0.375rem 0.625rem; border: 1px solid var(--tabhost-border, #9ca3af); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface, #fff); color: inherit; font: inherit; }
.th-input[aria-invalid='true'], .th-select[aria-invalid='true'] { border-color: var(--tabhost-danger, #b91c1c); }
.th-input[readonly], .th-input:disabled { background: var(--tabhost-surface-muted, #f3f4f6); }
.th-error { color: var(--tabhost-danger, #b91c1c); font-size: 0.8125rem; font-weight: 500; }
.th-alert { padding: 0.75rem 1rem; border-radius: var(--tabhost-radius, 6px); border: 1px solid; margin-bottom: 1rem; }
.th-alert-error { border-color: #fca5a5; background: #fef2f2; color: #7f1d1d; }
.th-alert-warning { border-color: #fcd34d; background: #fffbeb; color: #78350f; }
.th-alert-success { border-color: #86efac; background: #f0fdf4; color: #14532d; }
.th-card { background: var(--tabhost-surface, #fff); border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: calc(var(--tabhost-radius, 6px) * 1.5); padding: 1rem 1.25rem; }
.th-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; margin-bottom: 1.25rem; }
.th-stat-value { font-size: 1.75rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.th-stat-label { color: var(--tabhost-text-muted, #4b5563); font-size: 0.875rem; }
.th-table-wrap { overflow-x: auto; border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: calc(var(--tabhost-radius, 6px) * 1.5); background: var(--tabhost-surface, #fff); }
.th-table { width: 100%; border-collapse: collapse; }
.th-table th { position: sticky; top: 0; text-align: left; font-size: 0.8125rem; font-weight: 600; color: var(--tabhost-text-muted, #4b5563); background: var(--tabhost-surface-muted, #f9fafb); }
.th-table th, .th-table td { padding: 0.625rem 0.75rem; border-bottom: 1px solid var(--tabhost-border, #e5e7eb); vertical-align: middle; }
.th-table tr:last-child td { border-bottom: 0; }
.th-table td.th-num { text-align: right; font-variant-numeric: tabular-nums; }
.th-truncate { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.th-mono { font-family: var(--tabhost-font-mono, ui-monospace, monospace); font-size: 0.875em; }
.th-badge { display: inline-block; padding: 0.0625rem 0.5rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600; background: var(--tabhost-surface-muted, #f3f4f6); color: var(--tabhost-text, #111827); border: 1px solid var(--tabhost-border, #e5e7eb); }
.th-badge-primary { background: var(--tabhost-primary-soft, #dbeafe); border-color: transparent; color: var(--tabhost-text, #111827); }
.th-badge-success { background: #dcfce7; border-color: transparent; color: #14532d; }
.th-badge-danger { background: #fee2e2; border-color: transparent; color: #7f1d1d; }
.th-empty { text-align: center; padding: 2.5rem 1rem; color: var(--tabhost-text-muted, #4b5563); }
.th-skeleton { display: block; height: 1rem; border-radius: 4px; background: linear-gradient(90deg, #e5e7eb, #f3f4f6, #e5e7eb); background-size: 200% 100%; animation: th-shimmer 1.2s infinite linear; }
@keyframes th-shimmer { to { background-position: -200% 0; } }
@media (prefers-reduced-motion: reduce) { .th-skeleton { animation: none; } }
.th-secret { display: flex; gap: 0.5rem; align-items: center; padding: 0.5rem 0.75rem; border: 1px dashed var(--tabhost-border, #9ca3af); border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-surface-muted, #f9fafb); word-break: break-all; }
.th-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dialog { border: 0; border-radius: calc(var(--tabhost-radius, 6px) * 2); padding: 1.25rem 1.5rem; max-width: min(32rem, calc(100vw - 2rem)); color: inherit; box-shadow: 0 20px 50px rgb(0 0 0 / 0.25); }
dialog::backdrop { background: rgb(15 23 42 / 0.5); }
.th-dialog-actions { display: flex; justify-content: flex-end; gap: 0.5rem; margin-top: 1rem; flex-wrap: wrap; }
@media (max-width: 640px) {
  .th-stack thead { display: none; }
  .th-stack tr { display: block; padding: 0.5rem 0; border-bottom: 1px solid var(--tabhost-border, #e5e7eb); }
  .th-stack td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: 0.25rem 0.75rem; }
  .th-stack td::before { content: attr(data-label); font-weight: 600; color: var(--tabhost-text-muted, #4b5563); }
  .th-stack .th-truncate { max-width: 11rem; }
}
`;

let kitSheet;

export function adoptKit(root, ...more) {
  if (!kitSheet) {
    kitSheet = new CSSStyleSheet();
    kitSheet.replaceSync(kitCss);
  }
  root.adoptedStyleSheets = [kitSheet, ...more];
}

// What a view shows of a failed call: the message, the field it is about
// (shown beside that field), and the request id support looks up. A network
// failure or a bug arrives as a plain Error, with a message only.
export function problemOf(error) {
  return {
    message: (error && error.message) || 'Something went wrong.',
    field: (error && error.field) || undefined,
    requestId: (error && error.requestId) || undefined,
  };
}

export function problemText(problem) {
  return problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message;
}

const units = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// SQL's "2026-12-07 10:00:00" carries no zone but is UTC too: Date.parse
// and <time datetime> need it as ISO 8601, "2026-12-07T10:00:00Z".
export function utcIso(text) {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
}

// Milliseconds since the epoch of a UTC time from the API.
function parseUtc(iso) {
  return iso ? Date.parse(utcIso(iso)) : NaN;
}

export function relativeTime(iso, now = Date.now()) {
  const at = parseUtc(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return '';
}

export function localTime(iso) {
  const at = parseUtc(iso);
  if (Number.isNaN(at)) return '';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
