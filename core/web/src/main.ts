// The dashboard shell's entry: page-wide styles (a constructed stylesheet,
// as the CSP allows no inline style), then <tabhost-shell>.
import './shell';

const page = new CSSStyleSheet();
page.replaceSync(`
  html { color-scheme: light; background: var(--tabhost-surface-muted, #f8fafc); color: var(--tabhost-text, #0f172a);
    font-family: var(--tabhost-font, system-ui, sans-serif); -webkit-text-size-adjust: 100%; }
  body { margin: 0; min-height: 100vh; -webkit-font-smoothing: antialiased; }
`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
