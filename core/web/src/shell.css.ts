// The dashboard's frame: sticky top (impersonation banner and bar), a left
// sidebar from 900 px, a Menu button that discloses the navigation below.
import { css } from 'lit';

export const shellStyles = css`
  :host { display: block; min-height: 100vh; }
  .skip { position: absolute; left: 1rem; top: -4rem; z-index: 50; }
  .skip:focus { top: 0.5rem; }
  .top { position: sticky; top: 0; z-index: 20; }
  .bar { display: flex; align-items: center; gap: 0.75rem; height: 3.5rem; padding: 0 1rem 0 1.25rem;
    background: var(--tabhost-surface); border-bottom: 1px solid var(--tabhost-border); }
  .brand { display: flex; align-items: center; gap: 0.625rem; margin-right: auto; min-width: 0;
    color: var(--tabhost-text); font-weight: 600; text-decoration: none; }
  .brand > span:last-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .menu { display: none; }
  /* The sidebar's surface and edge are painted on the whole column, however
     long the page: the sidebar itself only sticks below the bar. */
  .layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); min-height: calc(100vh - var(--th-top, 3.5rem));
    background: linear-gradient(to right, var(--tabhost-surface) calc(15rem - 1px), var(--tabhost-border) calc(15rem - 1px),
      var(--tabhost-border) 15rem, transparent 15rem); }
  .sidebar { position: sticky; top: var(--th-top, 3.5rem); align-self: start; height: calc(100vh - var(--th-top, 3.5rem));
    overflow-y: auto; padding: 1rem 0.75rem; }
  nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.125rem; }
  nav a { display: flex; align-items: center; gap: 0.625rem; padding: 0.5rem 0.75rem; border-radius: var(--tabhost-radius);
    color: var(--tabhost-text-muted); font-weight: 500; text-decoration: none; }
  nav a:hover { background: var(--tabhost-surface-muted); color: var(--tabhost-text); }
  nav a[aria-current='page'] { background: var(--tabhost-primary-soft); color: var(--tabhost-text); font-weight: 600; }
  nav a[aria-current='page'] .icon { color: var(--tabhost-primary-strong); }
  main { width: 100%; max-width: 72rem; min-width: 0; padding: 2rem 2.5rem 4rem; }
  main:focus, h1:focus { outline: none; }
  h1 { font-size: 1.5rem; line-height: 1.3; letter-spacing: -0.015em; margin: 0 0 1.5rem; overflow-wrap: anywhere; }
  .sidebar .th-skeleton { margin: 0.75rem; }
  .brand-skeleton { width: 10rem; }
  .centre { display: grid; place-items: start center; min-height: 100vh; padding: 4rem 1rem; }
  .centre > .th-card { width: 100%; max-width: 25rem; padding: 2rem; }
  .centre h1 { font-size: 1.25rem; }
  @media (max-width: 899px) {
    .menu { display: inline-flex; }
    .layout { grid-template-columns: minmax(0, 1fr); background: none; }
    .sidebar { display: none; position: fixed; inset: var(--th-top, 3.5rem) 0 0 0; z-index: 15; height: auto;
      align-self: stretch; padding: 1rem; background: var(--tabhost-surface); }
    .sidebar.open { display: block; }
    main { padding: 1.25rem 1rem 3rem; }
  }
`;
