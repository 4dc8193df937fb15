// Styles every shell element adopts: the kit's stylesheet (what plugin tabs
// use too) and the few shell-wide additions. Lit adopts them as constructed
// stylesheets, which the CSP allows.
import { css, unsafeCSS } from 'lit';
import { kitCss } from '../kit';

export const kit = unsafeCSS(kitCss);

export const shared = css`
  .icon { width: 1.125rem; height: 1.125rem; flex: none; fill: none; stroke: currentColor; stroke-width: 1.75;
    stroke-linecap: round; stroke-linejoin: round; }
  .th-btn { justify-content: center; transition: background-color 0.15s, border-color 0.15s, color 0.15s; }
  .th-card { box-shadow: 0 1px 2px rgb(15 23 42 / 0.04); }
  .th-card > h2 { display: flex; align-items: center; gap: 0.5rem; }
  .th-hint { display: block; }
  .muted { color: var(--tabhost-text-muted); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .req { font-weight: 400; color: var(--tabhost-text-muted); }
  .check { display: flex; gap: 0.5rem; align-items: center; }
  .check input { width: 1.125rem; height: 1.125rem; margin: 0; accent-color: var(--tabhost-primary); }
  .check label { font-weight: 600; font-size: 0.875rem; }
  .monogram { display: inline-grid; place-items: center; width: 2rem; height: 2rem; flex: none;
    border-radius: var(--tabhost-radius); background: var(--tabhost-primary); color: var(--tabhost-on-primary);
    font-weight: 700; }
  .monogram.large { width: 3rem; height: 3rem; font-size: 1.375rem; border-radius: calc(var(--tabhost-radius) * 1.5); }
  .logo { display: block; height: 2rem; width: auto; max-width: 10rem; object-fit: contain; }
  .logo.large { height: 3rem; max-width: 14rem; }
  .th-skeleton + .th-skeleton { margin-top: 0.625rem; }
  .th-skeleton.wide { width: 60%; }
  .th-skeleton.tall { height: 2rem; width: 40%; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; }
  }
`;
