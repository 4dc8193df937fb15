// <tabhost-shell>: the host side of the tab contract. It loads the session
// (/me), routes between the dashboard's pages, frames them, and answers the
// tabs' events.
import { LitElement, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { Api, isSessionEnd } from './api';
import { applyBranding, brandMark, hasLogo, setWindowTitle } from './branding';
import {
  Router, base, currentRelative, isPublic, pageKey, parseRoute, signInAddress, takeLinkToken,
  type LinkToken, type Route,
} from './router';
import { icon } from './icons';
import type { Branding, TabContext } from './kit';
import { listenToTabs } from './tab-events';
import { kit, shared } from './components/styles';
import { shellStyles } from './shell.css';
import { problemText, problemOf, type Problem } from './components/form';
import type { Toasts } from './components/toasts';
import type { Dialogs } from './components/dialogs';
import type { HistoryDrawer } from './components/history-drawer';
import type { Me, Services, Session } from './types';
import './components/toasts';
import './components/dialogs';
import './components/history-drawer';
import './components/account-menu';
import './components/impersonation-banner';
import './pages/sign-in';
import './pages/set-password';
import './pages/overview';
import './pages/profile';
import { AUDIT_READ } from './pages/audit';
import './pages/tab-page';

type TabRoute = Extract<Route, { page: 'tab' }>;

export class Shell extends LitElement {
  static properties = {
    me: { state: true },
    branding: { state: true },
    relative: { state: true },
    booting: { state: true },
    failure: { state: true },
    menuOpen: { state: true },
    titleOverride: { state: true },
    link: { state: true },
  };
  static styles = [kit, shared, shellStyles];
  declare me: Me | null;
  declare branding: Branding | null;
  /** The address relative to the base: "tokens/42?tab=scopes". */
  declare relative: string;
  declare booting: boolean;
  /** /me failed for another reason than a missing session. */
  declare failure: Problem | null;
  declare menuOpen: boolean;
  /** The title a tab gave its current view (tabhost:title). */
  declare titleOverride: string | null;
  /** The invitation or reset token of the set-password page, until it is spent. */
  declare link: LinkToken | null;

  private readonly toasts = document.createElement('tabhost-toasts') as Toasts;
  private readonly dialogs = document.createElement('tabhost-dialogs') as Dialogs;
  private readonly drawer = document.createElement('tabhost-history-drawer') as HistoryDrawer;
  private readonly api: Api;
  private readonly router: Router;
  private readonly services: Services;
  /** The server's <title> is the product name: the fallback when /branding fails. */
  private readonly productFallback = document.title;
  /** Elements (tabs, forms) that reported unsaved changes. */
  private readonly unsaved = new Set<EventTarget>();
  /** Counts the links taken from the address: each starts the set-password page afresh. */
  private links = 0;
  /** Counts /me loads, so that only the latest one's answer is used. */
  private meLoads = 0;
  /** How many ms the server's clock is ahead of this browser's, from the last /me's Date header. */
  private clockOffset = 0;
  private contextCache?: { relative: string; me: Me; context: TabContext };
  private focusHeading = false;
  private readonly topResize = new ResizeObserver(([entry]) =>
    this.style.setProperty('--th-top', `${Math.round(entry.borderBoxSize[0].blockSize)}px`));
  private observedTop?: Element;

  constructor() {
    super();
    this.api = new Api(`${base}api/v1`, {
      reauthenticate: () => this.dialogs.reauthenticate(),
      sessionEnded: () => this.sessionEnded(),
    });
    this.dialogs.api = this.api;
    this.drawer.api = this.api;
    this.router = new Router((relative) => this.arrive(relative), () => this.mayLeave());
    this.services = {
      api: this.api,
      base,
      confirm: (options) => this.dialogs.confirm(options),
      reloadMe: () => this.reloadMe(),
    };
    this.me = null;
    this.branding = null;
    this.relative = currentRelative();
    this.booting = true;
    this.failure = null;
    this.menuOpen = false;
    this.titleOverride = null;
    this.link = null;
    this.takeLink();
    // Another emailed link opened over this page changes only the fragment.
    addEventListener('hashchange', () => this.takeLink());
    this.addEventListener('click', this.followLink);
    this.addEventListener('keydown', this.escape);
    listenToTabs(this, {
      navigate: (to, replace) =>
        void this.router.go(to.startsWith(base) ? to.slice(base.length) : to.replace(/^\/+/, ''), { replace }),
      toast: (message, kind) => this.toasts.show(message, kind),
      title: (title) => {
        if (parseRoute(this.relative).page === 'tab') this.titleOverride = title;
      },
      unsaved: (from, unsaved) => {
        if (unsaved) this.unsaved.add(from);
        else this.unsaved.delete(from);
        this.syncUnloadWarning();
      },
      history: (resource, id, title) => void this.drawer.open(resource, id, title),
      refresh: () => void this.reloadMe(),
    });
  }

  connectedCallback() {
    super.connectedCallback();
    applyBranding(null);
    void this.boot();
  }

  /** Takes the token out of the address as soon as it shows there. */
  private takeLink() {
    if (!location.hash || parseRoute(currentRelative()).page !== 'set-password') return;
    this.link = takeLinkToken();
    this.links++;
  }

  private async boot() {
    try {
      // The page preloaded this answer; signed out, it is the branding alone
      // (a 200, not a 401 that the browser's console would call an error).
      await this.loadMe('/auth/session');
      // The Overview's data, asked for now rather than once the Overview shows.
      if (this.me && parseRoute(this.relative).page === 'overview') this.api.prefetch('/dashboard');
    } catch (error) {
      this.api.discardPrefetched();
      if (!isSessionEnd(error)) this.failure = problemOf(error);
    }
    this.booting = false;
    this.enforce();
  }

  /**
   * Fetches who is signed in and shows it, unless a later load started
   * meanwhile: /me (a 401 is an ended session), or at start /auth/session.
   */
  private async loadMe(path: '/me' | '/auth/session' = '/me') {
    const load = ++this.meLoads;
    const answer = await this.api.request<Me | Session>('GET', path);
    if (load !== this.meLoads) return;
    // The impersonation's end is a time on the server's clock: count down on that clock.
    const serverNow = Date.parse(answer.headers.get('Date') ?? '');
    this.clockOffset = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
    const body = answer.body;
    this.me = 'signed_in' in body && !body.signed_in ? null : (body as Me);
    this.setBranding(body.branding);
  }

  private setBranding(branding: Branding) {
    this.branding = branding;
    applyBranding(branding);
  }

  private async reloadMe() {
    try {
      await this.loadMe();
    } catch (error) {
      this.showProblem(error);
    }
  }

  /** An error as a toast; an ended session needs none (sign-in shows instead). */
  private showProblem(error: unknown) {
    if (!isSessionEnd(error)) this.toasts.show(problemText(problemOf(error)), 'error');
  }

  /** Signed-out pages still wear the tenant's branding. */
  private async loadBranding() {
    if (this.branding) return;
    try {
      this.setBranding(await this.api.get<Branding>('/branding'));
    } catch {
      this.setBranding({
        tenant: '', product_name: this.productFallback, logo_url: null, primary_color: null, support_email: null,
        marketing_html: null,
      });
    }
  }

  /** The API saw the session end: sign in again, then come back here. */
  private sessionEnded() {
    this.me = null;
    this.clearUnsaved();
    void this.loadBranding();
    this.enforce();
  }

  /** Sends each visitor where they belong: signed out to sign-in, signed in away from it. */
  private enforce() {
    if (this.booting || this.failure) return;
    const route = parseRoute(this.relative);
    const me = this.me;
    if (route.page === 'sign-in' && me && !me.password_change_required)
      void this.router.go(route.next, { replace: true, force: true });
    else if (!isPublic(route) && (!me || me.password_change_required))
      void this.router.go(signInAddress(this.relative), { replace: true, force: true });
    else if (!me) void this.loadBranding();
  }

  private signedIn = async () => {
    await this.loadMe();
    const route = parseRoute(this.relative);
    await this.router.go(route.page === 'sign-in' ? route.next : '', { replace: true, force: true });
  };

  private arrive(relative: string) {
    const samePage = pageKey(parseRoute(relative)) === pageKey(parseRoute(this.relative));
    this.relative = relative;
    this.menuOpen = false;
    // A tab names each of its views anew (it hears of the route through its context).
    this.titleOverride = null;
    if (!samePage) {
      this.clearUnsaved();
      this.focusHeading = true;
      window.scrollTo(0, 0);
    }
    this.enforce();
  }

  /** Whether unsaved changes may be lost: true when there are none or the user lets them go. */
  private async mayDiscard(): Promise<boolean> {
    if (!this.unsaved.size) return true;
    return this.dialogs.confirm({
      title: 'Discard unsaved changes?',
      message: 'The changes you made on this page have not been saved.',
      confirm: 'Discard',
      cancel: 'Keep editing',
      danger: true,
    });
  }

  /** The router's question before it moves to another page. */
  private async mayLeave(): Promise<boolean> {
    const leave = await this.mayDiscard();
    if (leave) this.clearUnsaved();
    return leave;
  }

  private clearUnsaved() {
    this.unsaved.clear();
    this.syncUnloadWarning();
  }

  private warnBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();

  private syncUnloadWarning() {
    if (this.unsaved.size) addEventListener('beforeunload', this.warnBeforeUnload);
    else removeEventListener('beforeunload', this.warnBeforeUnload);
  }

  /** Links to dashboard pages (ours and the tabs') move through history, not a page load. */
  private followLink = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(base)) return;
    const relative = url.pathname.slice(base.length);
    // The API (downloads, exports) and assets are not pages.
    if (/^(api|ui)\//.test(relative)) return;
    event.preventDefault();
    void this.router.go(relative + url.search);
  };

  /** The narrow screen's navigation, over the page: focus goes into it, and back to Menu on Escape. */
  private async toggleMenu() {
    this.menuOpen = !this.menuOpen;
    if (!this.menuOpen) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#sidebar a')?.focus();
  }

  private escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.menuOpen) return;
    this.menuOpen = false;
    this.renderRoot.querySelector<HTMLElement>('.menu')?.focus();
  };

  private skipToContent = (event: Event) => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };

  // The changes are let go only once the request succeeds: a failed one leaves the user where they were.
  private signOut = async () => {
    if (!(await this.mayDiscard())) return;
    try {
      await this.api.post('/auth/logout');
    } catch (error) {
      if (!isSessionEnd(error)) return this.showProblem(error);
    }
    this.clearUnsaved();
    location.assign(`${base}sign-in`);
  };

  private stopImpersonating = async () => {
    if (!(await this.mayDiscard())) return;
    try {
      await this.api.delete('/impersonation');
    } catch (error) {
      return this.showProblem(error);
    }
    this.clearUnsaved();
    // A full load, so that nothing of the user's view survives into the admin's.
    location.assign(base);
  };

  /** One context object per route and session: a new one tells the tab something changed. */
  private contextFor(route: TabRoute, me: Me): TabContext {
    const cached = this.contextCache;
    if (cached && cached.relative === this.relative && cached.me === me) return cached.context;
    const permissions = Object.freeze([...me.permissions]);
    const context: TabContext = {
      version: 1,
      tenant: { id: me.tenant.id, name: me.tenant.name, base },
      branding: me.branding,
      user: me.user,
      permissions,
      impersonation: me.impersonation.impersonating ? me.impersonation : null,
      route: { tab: route.tab, path: route.path, query: new URLSearchParams(route.query) },
      api: this.api,
      can: (permission) => permissions.includes(permission),
    };
    this.contextCache = { relative: this.relative, me, context };
    return context;
  }

  private pageTitle(route: Route): string {
    if (this.failure) return 'Could not load the dashboard';
    switch (route.page) {
      case 'sign-in': return this.me?.password_change_required ? 'Choose a new password' : 'Sign in';
      case 'set-password': return 'Choose your password';
      case 'profile': return 'Profile and security';
      case 'audit': return 'Audit log';
      case 'overview': return 'Overview';
      case 'tab': {
        const tab = this.me?.tabs.find((t) => t.id === route.tab);
        return tab ? this.titleOverride ?? tab.title : 'Page not found';
      }
    }
  }

  protected updated() {
    setWindowTitle(this.pageTitle(parseRoute(this.relative)), this.branding);
    const top = this.renderRoot.querySelector('.top');
    if (top !== this.observedTop) {
      this.topResize.disconnect();
      if (top) this.topResize.observe(top);
      this.observedTop = top ?? undefined;
    }
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  private content(route: Route, me: Me) {
    switch (route.page) {
      case 'profile':
        return html`<tabhost-profile .services=${this.services} .me=${me}></tabhost-profile>`;
      case 'audit':
        return html`<tabhost-audit .services=${this.services} .me=${me} .query=${route.query}></tabhost-audit>`;
      case 'tab': {
        const tab = me.tabs.find((t) => t.id === route.tab);
        if (!tab)
          return html`<div class="th-card">
            <p>There is no page at this address: it may have moved, or its tab is not enabled for you.</p>
            <a class="th-btn" href=${base}>Go to Overview</a></div>`;
        return keyed(tab.id, html`<tabhost-tab-page .tab=${tab}
          .context=${this.contextFor(route, me)}></tabhost-tab-page>`);
      }
      default:
        return html`<tabhost-overview .services=${this.services} .me=${me}></tabhost-overview>`;
    }
  }

  private nav(route: Route, me: Me) {
    const items = [
      { href: base, label: 'Overview', icon: 'overview', active: route.page === 'overview' },
      ...me.tabs.map((tab) => ({
        href: base + tab.id, label: tab.title, icon: tab.icon, active: route.page === 'tab' && route.tab === tab.id,
      })),
      ...(me.permissions.includes(AUDIT_READ)
        ? [{ href: `${base}audit`, label: 'Audit log', icon: 'history', active: route.page === 'audit' }]
        : []),
    ];
    return html`<nav aria-label="Dashboard"><ul>${items.map((item) => html`<li>
      <a href=${item.href} aria-current=${item.active ? 'page' : nothing}>${icon(item.icon)}<span>${item.label}</span></a>
    </li>`)}</ul></nav>`;
  }

  private dashboard(route: Route, me: Me) {
    const branding = me.branding;
    return html`
      <header class="top">
        <a class="skip th-btn" href="#main" @click=${this.skipToContent}>Skip to content</a>
        ${me.impersonation.impersonating ? html`<tabhost-impersonation-banner .impersonation=${me.impersonation}
          .user=${me.user} .clockOffset=${this.clockOffset} .onStop=${this.stopImpersonating}
          .onExpired=${() => this.reloadMe()}>
        </tabhost-impersonation-banner>` : nothing}
        <div class="bar">
          <button class="th-btn menu" type="button" aria-expanded=${String(this.menuOpen)} aria-controls="sidebar"
            @click=${this.toggleMenu}>${icon('menu')}Menu</button>
          <a class="brand" href=${base}>${brandMark(branding)}<span aria-hidden=${hasLogo(branding) ? 'true' : nothing}
            >${branding.product_name}</span></a>
          <tabhost-account-menu .user=${me.user} .base=${base} .onSignOut=${this.signOut}></tabhost-account-menu>
        </div>
      </header>
      <div class="layout">
        <div class="sidebar ${this.menuOpen ? 'open' : ''}" id="sidebar">${this.nav(route, me)}</div>
        <main id="main" tabindex="-1">
          <h1 tabindex="-1">${this.pageTitle(route)}</h1>
          ${this.content(route, me)}
        </main>
      </div>`;
  }

  private loading(publicPage: boolean) {
    const lines = html`<span class="th-skeleton tall"></span><span class="th-skeleton"></span>
      <span class="th-skeleton wide"></span>`;
    if (publicPage) return html`<main class="centre" aria-busy="true"><div class="th-card">${lines}</div></main>`;
    return html`
      <header class="top"><div class="bar"><span class="th-skeleton brand-skeleton"></span></div></header>
      <div class="layout" aria-busy="true">
        <div class="sidebar">${[1, 2, 3, 4].map(() => html`<span class="th-skeleton"></span>`)}</div>
        <main id="main">${lines}</main>
      </div>`;
  }

  private page() {
    const route = parseRoute(this.relative);
    if (this.failure)
      return html`<main class="centre"><div class="th-card" role="alert">
        <h1>${this.pageTitle(route)}</h1>
        <p>${problemText(this.failure)}</p>
        <button class="th-btn th-btn-primary" type="button" @click=${() => location.reload()}>Try again</button>
      </div></main>`;
    if (isPublic(route)) {
      if (!this.branding) return this.loading(true);
      if (route.page === 'set-password')
        return keyed(this.links, html`<tabhost-set-password .branding=${this.branding} .link=${this.link}
          .base=${base} .api=${this.api} .onSignedIn=${this.signedIn} .onLinkSpent=${() => (this.link = null)}>
          </tabhost-set-password>`);
      return html`<tabhost-sign-in .branding=${this.branding} .api=${this.api} .onSignedIn=${this.signedIn}
        ?mustChange=${Boolean(this.me?.password_change_required)}></tabhost-sign-in>`;
    }
    if (!this.me || this.me.password_change_required) return this.loading(false);
    return this.dashboard(route, this.me);
  }

  render() {
    return html`${this.page()}${this.toasts}${this.dialogs}${this.drawer}`;
  }
}
customElements.define('tabhost-shell', Shell);
