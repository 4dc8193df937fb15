// The tab's own styles: only what the kit lacks; no inline styles anywhere
// (the page's CSP).
export const sheet = new CSSStyleSheet();
sheet.replaceSync(`
tabhost-companies-catalog, tabhost-companies-filters, tabhost-companies-stats { display: block; }
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
.more { display: flex; justify-content: center; margin: 1rem 0; }
`);
