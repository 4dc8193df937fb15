// The tenant's branding as CSS custom properties (inherited into every
// shadow root, plugin tabs' too), its logo, and the window title.
import { html } from 'lit';
import type { Branding } from './kit';

type Rgb = [number, number, number];

const DEFAULT_PRIMARY = '#334155';
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

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

function parseHex(color: string | null | undefined): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color ?? '');
  if (!match) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mix = (from: Rgb, to: Rgb, amount: number) => from.map((v, i) => v + (to[i] - v) * amount) as Rgb;

// WCAG 2 relative luminance and contrast ratio.
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The primary colour and the colours derived from it, readable on white and on themselves. */
function palette(color: string | null): Record<string, string> {
  const primary = parseHex(color) ?? (parseHex(DEFAULT_PRIMARY) as Rgb);
  // Links, hover and focus sit on white: darken until they reach 4.5:1.
  let strong = primary;
  while (contrast(strong, WHITE) < 4.5) strong = mix(strong, BLACK, 0.05);
  return {
    '--tabhost-primary': toHex(primary),
    '--tabhost-on-primary': contrast(primary, WHITE) >= contrast(primary, BLACK) ? '#fff' : '#000',
    '--tabhost-primary-strong': toHex(strong),
    '--tabhost-primary-soft': toHex(mix(primary, WHITE, 0.85)),
    '--tabhost-focus': toHex(strong),
  };
}

export function applyBranding(branding: Branding | null): void {
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries({ ...NEUTRALS, ...palette(branding?.primary_color ?? null) }))
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
