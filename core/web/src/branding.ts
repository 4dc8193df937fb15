// The tenant's branding as CSS custom properties (inherited into every
// shadow root, plugin tabs' too), its logo, and the window title.
import { html } from 'lit';
import { brandColors, type Branding } from './kit';

const DEFAULT_PRIMARY = '#334155';

const NEUTRALS: Record<string, string> = {
  '--tabhost-surface': '#fff',
  '--tabhost-surface-muted': '#f8fafc',
  '--tabhost-text': '#0f172a',
  '--tabhost-text-muted': '#475569',
  '--tabhost-border': '#cbd5e1',
  '--tabhost-danger': '#b91c1c',
  '--tabhost-success': '#15803d',
  '--tabhost-warning': '#b45309',
  '--tabhost-radius': '6px',
  '--tabhost-font': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  '--tabhost-font-mono': 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
};

export function applyBranding(branding: Branding | null): void {
  const style = document.documentElement.style;
  const colors = brandColors(branding?.primary_color ?? '') ?? brandColors(DEFAULT_PRIMARY);
  for (const [name, value] of Object.entries({ ...NEUTRALS, ...colors }))
    style.setProperty(name, value);
}

/** The logo's address when it is on this origin (the CSP refuses any other), else null. */
function sameOriginLogo(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The logo, or the product name's first letter on the primary colour. */
export function brandMark(branding: Branding, size: 'small' | 'large' = 'small') {
  const logo = sameOriginLogo(branding.logo_url);
  if (logo) return html`<img class="logo ${size}" src=${logo} alt=${branding.product_name}>`;
  const letter = [...branding.product_name.trim()][0]?.toUpperCase() ?? '';
  return html`<span class="monogram ${size}" aria-hidden="true">${letter}</span>`;
}

/** True when brandMark shows a logo (whose alt text already names the product). */
export const hasLogo = (branding: Branding) => sameOriginLogo(branding.logo_url) !== null;

export function setWindowTitle(page: string, branding: Branding | null): void {
  document.title = branding ? `${page} · ${branding.product_name}` : page;
}
