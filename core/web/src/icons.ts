// Small stroke icons drawn here (no icon font or remote asset: CSP). Each is
// one path on a 24×24 grid; its colour is the text's.
import { html, svg } from 'lit';

const PATHS: Record<string, string> = {
  overview: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  key: 'M4.5 19.5a5 5 0 1 0 7.1-7.1 5 5 0 0 0-7.1 7.1zM11.6 12.4 21 3m-4 4 3 3m-5.5-.5 2 2',
  wave: 'M2 12h3l2-6 4 13 4-16 3 11 1-2h3',
  building: 'M4 21V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v17m0-12h4a1 1 0 0 1 1 1v11M2 21h20M8 7h3m-3 4h3m-3 4h3',
  users: 'M9 11.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.6a3.5 3.5 0 0 1 0 6.8m2 2.8a6.5 6.5 0 0 1 3.5 5.8',
  phone: 'M5 3h3.5l1.5 5-2.5 1.5a11 11 0 0 0 6 6L15 13l5 1.5V18a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
  settings: 'M4 6h9m4 0h3M4 12h3m4 0h9M4 18h11m4 0h1M15 4v4M9 10v4m8 2v4',
  'credit-card': 'M3 6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zm0 4h18M7 15h4',
  generic: 'M4 4h6v6H4zm10 0h6v6h-6zM4 14h6v6H4zm10 0h6v6h-6z',
  menu: 'M4 6h16M4 12h16M4 18h16',
  chevron: 'm6 9 6 6 6-6',
  close: 'M6 6l12 12M18 6 6 18',
  history: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-14v5l3 2',
  profile: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0',
  'sign-out': 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3m-5-3-5-5 5-5m-5 5h11',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 3v12m-5-5 5 5 5-5M4 21h16',
  alert: 'M12 3 2 21h20zm0 7v5m0 3h.01',
  lock: 'M6 11h12v10H6zm2 0V7a4 4 0 0 1 8 0v4',
};

/** A decorative icon; the element it sits in carries the name. Unknown names get a generic one. */
export function icon(name: string) {
  const d = PATHS[name] ?? PATHS.generic;
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d=${d}></path>`}</svg>`;
}
