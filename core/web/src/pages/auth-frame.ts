// The branded card around the pages one sees signed out: sign-in and
// choosing a password.
import { css, html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { brandMark, hasLogo } from '../branding';
import type { Branding } from '../kit';

export const authStyles = css`
  :host { display: block; }
  main { display: flex; flex-direction: column; align-items: center; min-height: 100vh; padding: 4rem 1rem 2rem; }
  .frame { width: 100%; max-width: 25rem; }
  .th-card { padding: 2rem; box-shadow: 0 1px 2px rgb(15 23 42 / 0.04), 0 12px 32px rgb(15 23 42 / 0.07); }
  .brand { display: flex; align-items: center; gap: 0.75rem; margin-bottom: 1.5rem; font-weight: 600; }
  h1 { font-size: 1.375rem; line-height: 1.3; margin: 0 0 1.25rem; letter-spacing: -0.01em; }
  .lead { color: var(--tabhost-text-muted); margin: -0.875rem 0 1.5rem; }
  form .th-btn-primary { width: 100%; margin-top: 0.5rem; }
  .switch { margin-top: 0.75rem; text-align: center; }
  .help { margin-top: 1.25rem; text-align: center; color: var(--tabhost-text-muted); font-size: 0.875rem; }
  .marketing { margin-top: 1.5rem; color: var(--tabhost-text-muted); overflow-wrap: anywhere; }
  .marketing ul { padding-left: 1.25rem; }
  @media (max-width: 480px) { main { padding-top: 1.5rem; } .th-card { padding: 1.5rem 1.25rem; } }
`;

/** `marketing`: show the tenant's marketing copy under the card (the sign-in page). */
export function authFrame(branding: Branding, content: TemplateResult, marketing = false) {
  const email = branding.support_email;
  return html`<main id="main">
    <div class="frame">
      <div class="th-card">
        <div class="brand">${brandMark(branding, 'large')}<span aria-hidden=${hasLogo(branding) ? 'true' : nothing}
          >${branding.product_name}</span></div>
        ${content}
      </div>
      ${email ? html`<p class="help">Need help? <a href="mailto:${email}">${email}</a></p>` : nothing}
      ${marketing && branding.marketing_html
        // HTML the server built from the copy with every character escaped first
        // (plugins/settings/src/SafeMarkdown.hpp): the one place a tenant's text is markup.
        ? html`<section class="marketing" aria-label="About ${branding.product_name}">
            ${unsafeHTML(branding.marketing_html)}</section>`
        : nothing}
    </div>
  </main>`;
}
