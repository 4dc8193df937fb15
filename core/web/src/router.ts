// Dashboard addresses: paths relative to the tenant's base, kept in the
// browser's history so that deep links and the back button work.

function readBase(): string {
  const value = document.querySelector<HTMLMetaElement>('meta[name="tabhost-base"]')?.content || '/';
  return value.endsWith('/') ? value : `${value}/`;
}

/** "/t/{tenant}/" or "/" on a custom domain. */
export const base = readBase();

export type Route =
  | { page: 'overview' }
  | { page: 'sign-in'; next: string }
  | { page: 'set-password' }
  | { page: 'profile' }
  | { page: 'audit'; query: string }
  | { page: 'tab'; tab: string; path: string; query: string };

/** The current address relative to the base, with its query: "tokens/42?x=1". */
export function currentRelative(): string {
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
  return path + location.search;
}

/**
 * A `next` address is only ever a page under the base, read as the browser
 * would read it: nothing that leaves the site ("//evil", "https:", "/\evil")
 * or the tenant ("../other/x"). Returned relative to the base, with its query.
 */
export function safeNext(value: string | null): string {
  if (!value) return '';
  let url: URL;
  try {
    url = new URL(value, location.origin + base);
  } catch {
    return '';
  }
  if (url.origin !== location.origin || !url.pathname.startsWith(base)) return '';
  return url.pathname.slice(base.length) + url.search;
}

export function signInAddress(next: string): string {
  return next ? `sign-in?next=${encodeURIComponent(next)}` : 'sign-in';
}

export function parseRoute(relative: string): Route {
  const mark = relative.indexOf('?');
  const path = (mark < 0 ? relative : relative.slice(0, mark)).replace(/^\/+/, '');
  const query = mark < 0 ? '' : relative.slice(mark + 1);
  const [first = '', ...rest] = path.split('/');
  if (!first) return { page: 'overview' };
  if (!rest.length) {
    if (first === 'sign-in') return { page: 'sign-in', next: safeNext(new URLSearchParams(query).get('next')) };
    if (first === 'set-password') return { page: 'set-password' };
    if (first === 'profile') return { page: 'profile' };
    // The host's audit log; no plugin may take the id (PluginManager's reserved ids).
    if (first === 'audit') return { page: 'audit', query };
  }
  return { page: 'tab', tab: first, path: rest.join('/'), query };
}

export const isPublic = (route: Route) => route.page === 'sign-in' || route.page === 'set-password';

/** Which page an address shows; moving within one page keeps its elements. */
export const pageKey = (route: Route) => (route.page === 'tab' ? `tab:${route.tab}` : route.page);

export interface LinkToken {
  purpose: 'invite' | 'reset';
  token: string;
}

/**
 * Takes the invitation or reset token out of the fragment ("#invite=…" or
 * "#reset=…") and drops it from the address bar and the history at once.
 */
export function takeLinkToken(): LinkToken | null {
  if (!location.hash) return null;
  const fragment = new URLSearchParams(location.hash.slice(1));
  history.replaceState(history.state, '', location.pathname + location.search);
  for (const purpose of ['invite', 'reset'] as const) {
    const token = fragment.get(purpose);
    if (token) return { purpose, token };
  }
  return null;
}

const pathOf = (relative: string) => relative.split('?')[0];

/**
 * pushState navigation. Each entry carries its position, so that a back or
 * forward the user then cancels (unsaved changes) can be undone exactly.
 */
export class Router {
  private index: number;
  private at = currentRelative();
  private undoing = false;
  private readonly changed: (relative: string) => void;
  private readonly mayLeave: () => Promise<boolean>;

  constructor(changed: (relative: string) => void, mayLeave: () => Promise<boolean>) {
    this.changed = changed;
    this.mayLeave = mayLeave;
    const state = history.state as { tabhostIndex?: number } | null;
    this.index = state?.tabhostIndex ?? 0;
    history.replaceState({ ...state, tabhostIndex: this.index }, '');
    addEventListener('popstate', this.popped);
  }

  /** `force` skips the unsaved-changes question (the session is gone, say). */
  async go(relative: string, options: { replace?: boolean; force?: boolean } = {}): Promise<void> {
    if (relative === this.at) return;
    if (!options.force && pathOf(relative) !== pathOf(this.at) && !(await this.mayLeave())) return;
    if (options.replace) history.replaceState({ tabhostIndex: this.index }, '', base + relative);
    else history.pushState({ tabhostIndex: ++this.index }, '', base + relative);
    this.arrive(relative);
  }

  private popped = async (event: PopStateEvent) => {
    const target = (event.state as { tabhostIndex?: number } | null)?.tabhostIndex;
    if (target === undefined) {
      // An entry we did not make (a link to a #fragment): number it as the next one.
      history.replaceState({ tabhostIndex: ++this.index }, '');
      return this.arrive(currentRelative());
    }
    if (this.undoing) {
      this.undoing = false;
      return;
    }
    const delta = this.index - target;
    const relative = currentRelative();
    if (delta !== 0 && pathOf(relative) !== pathOf(this.at) && !(await this.mayLeave())) {
      this.undoing = true;
      history.go(delta);
      return;
    }
    this.index = target;
    this.arrive(relative);
  };

  private arrive(relative: string) {
    this.at = relative;
    this.changed(relative);
  }
}
