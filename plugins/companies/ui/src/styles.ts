// The tab's own styles: only what the kit lacks; no inline styles anywhere
// (the page's CSP).
export const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-companies-catalog, tabhost-companies-filters, tabhost-companies-stats, tabhost-companies-editor,
tabhost-companies-call-tree, tabhost-companies-review, tabhost-companies-members,
tabhost-companies-user-picker, tabhost-companies-import { display: block; }
.th-toolbar p, .th-toolbar h2 { margin: 0; }
ul.stats { list-style: none; padding: 0; margin: 0 0 1.25rem; }
.th-stat-value .th-skeleton { width: 3rem; height: 1.75rem; }
.th-stat-label .th-skeleton { width: 7rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; margin-bottom: 1rem; }
.filters .th-field { flex: 1 1 8rem; margin: 0; }
.filters .search { flex: 2 1 14rem; }
.th-table th, .th-table .th-badge { white-space: nowrap; }
.who { display: flex; gap: 0.625rem; align-items: center; min-width: 0; }
.who-text { min-width: 0; }
.who .th-truncate { max-width: 15rem; }
td.nowrap { white-space: nowrap; }
.logo { flex: none; display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: var(--tabhost-radius, 6px); background: var(--tabhost-primary-soft, #dbeafe); font-weight: 700; font-size: 0.875rem; object-fit: contain; }
.logo.large { width: 4rem; height: 4rem; font-size: 1.5rem; }
a.name { display: block; font-weight: 600; text-decoration: none; }
a.name:hover { text-decoration: underline; }
tbody.stale { opacity: 0.6; }
.pick { width: 2.5rem; }
.actions { white-space: nowrap; text-align: right; }
.th-alert ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.add-member { margin-bottom: 1rem; }
.add-row { display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: flex-start; }
.add-row > tabhost-companies-user-picker { flex: 2 1 16rem; }
.add-row > .th-field { flex: 1 1 9rem; }
.add-row > button { margin-top: 1.6rem; }
.picker { position: relative; }
.picker-list { position: absolute; z-index: 2; top: 100%; left: 0; right: 0; margin: 0.25rem 0 0; padding: 0.25rem; list-style: none; background: var(--tabhost-surface, #fff); border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); box-shadow: 0 10px 30px rgb(0 0 0 / 0.15); max-height: 18rem; overflow-y: auto; }
.picker-list li { display: flex; flex-direction: column; padding: 0.375rem 0.5rem; border-radius: var(--tabhost-radius, 6px); cursor: pointer; }
.picker-list li.active, .picker-list li:hover { background: var(--tabhost-primary-soft, #dbeafe); }
.picker-name { font-weight: 600; }
.picker-none { margin: 0.25rem 0 0; }
.narrow { max-width: 10rem; }
span.name { font-weight: 600; }
.drop { border: 2px dashed var(--tabhost-border, #9ca3af); border-radius: calc(var(--tabhost-radius, 6px) * 1.5); padding: 1rem; display: flex; flex-direction: column; gap: 0.375rem; }
.drop.dragging { border-color: var(--tabhost-primary-strong, #1d4ed8); background: var(--tabhost-primary-soft, #dbeafe); }
.drop label { font-weight: 600; }
.drop p { margin: 0; }
.preview { margin-top: 0.75rem; }
.preview th { vertical-align: top; }
.preview .th-badge { margin-left: 0.25rem; }
fieldset.conflicts legend { font-weight: 600; font-size: 1rem; padding: 0 0.25rem; }
.conflicts .choice { flex-wrap: wrap; margin: 0.5rem 0; }
.conflicts .choice .th-hint { flex-basis: 100%; margin-left: 1.5rem; }
.import-progress { margin: 0 0 1rem; }
.import-progress label { font-weight: 600; display: block; }
.import-progress progress { width: 100%; height: 1.25rem; accent-color: var(--tabhost-primary, #2563eb); }
.import-progress p { margin: 0.25rem 0 0; }
dl.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); gap: 0.5rem; margin: 0.75rem 0 1rem; }
dl.counts div { border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); padding: 0.5rem 0.75rem; }
dl.counts dt { font-size: 0.8125rem; color: var(--tabhost-text-muted, #4b5563); }
dl.counts dd { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.pages { margin-top: 0.5rem; }
.more { display: flex; justify-content: center; margin: 1rem 0; }
.back { margin: 0 0 0.75rem -0.25rem; }
.company-head { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-bottom: 1.25rem; }
.company-head p { margin: 0 0 0.25rem; }
.company-head .th-toolbar { margin: 0; }
.grow { flex: 1 1 auto; min-width: 0; }
.editor { max-width: 56rem; }
.section { margin-bottom: 1rem; }
fieldset.plain { border: 0; padding: 0; margin: 0; min-width: 0; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
.logo-field { display: flex; gap: 1rem; align-items: flex-start; }
.logo-field .logo { margin-top: 1.6rem; }
.choice { display: flex; gap: 0.5rem; align-items: center; margin: 1rem 0 0.25rem; }
.choice label { font-weight: 600; }
.form-actions { display: flex; gap: 0.5rem; margin-top: 1rem; }
.ct-menu { border: 1px solid var(--tabhost-border, #e5e7eb); border-radius: var(--tabhost-radius, 6px); padding: 0.5rem 0.75rem 0.75rem; margin: 0.5rem 0; min-width: 0; background: var(--tabhost-surface, #fff); }
.ct-menu legend { font-weight: 600; font-size: 0.875rem; padding: 0 0.25rem; }
.ct-menu .ct-menu { margin-left: 1rem; border-left: 3px solid var(--tabhost-primary-soft, #dbeafe); }
.ct-entry { padding: 0.5rem 0; border-top: 1px dashed var(--tabhost-border, #e5e7eb); }
.ct-entry.invalid > .ct-row { background: #fef2f2; border-radius: var(--tabhost-radius, 6px); }
.ct-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; padding: 0.25rem; }
.ct-row .th-field { margin: 0; }
.ct-digit { flex: 0 0 4.5rem; }
.ct-label { flex: 2 1 10rem; }
.ct-action { flex: 1 1 11rem; }
.ct-target { flex: 1 1 10rem; }
.ct-buttons { display: flex; gap: 0.25rem; }
.ct-problems { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.ct-add { margin-top: 0.5rem; }
@media (max-width: 640px) {
  .pick { width: auto; }
  .who .th-truncate { max-width: 11rem; }
  .actions { text-align: left; }
  .ct-menu .ct-menu { margin-left: 0.25rem; }
  .ct-digit { flex-basis: 4rem; }
}
`);
