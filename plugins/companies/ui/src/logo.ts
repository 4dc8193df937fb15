// A company's logo: the image when the dashboard serves it, else the first
// letter of the name. The page's policy (img-src 'self') blocks images from
// other hosts, and a blocked image would only show as a broken icon.
import { html } from 'lit';
import { sameOrigin } from './shared.js';

export function logo(c: { name: string; logo_url: string | null }, large = false) {
  const cls = large ? 'logo large' : 'logo';
  if (c.logo_url && sameOrigin(c.logo_url)) return html`<img class=${cls} src=${c.logo_url} alt="" />`;
  const letter = ([...c.name.trim()][0] ?? '?').toUpperCase();
  return html`<span class=${cls} aria-hidden="true">${letter}</span>`;
}
