// Tabhost plugin UI kit — the contract between the dashboard shell and a
// plugin's tab (contract version 1). See docs/plugin-ui.md.
//
// A tab is a custom element in an ES module that the plugin embeds in its
// .so. The shell imports the module, creates the element, and sets one
// property on it: `context` (a TabContext). Whenever anything in it changes
// (the route inside the tab, the branding, the user's permissions) the shell
// sets a NEW object, so `el.context !== previous` tells a change.
// The tab talks back with the composed events below (use the helpers).
//
// Compatibility: the shell sets `context.version`; a new contract version
// only adds members. A tab built against version 1 keeps working.

/** The contract version this kit describes. */
export declare const CONTRACT_VERSION: 1;

/** The tenant's effective branding (YAML, then the General tab's overrides). */
export interface Branding {
  tenant: string;
  product_name: string;
  /** Same-origin URL of the logo, or null (remote logos are not shown: CSP). */
  logo_url: string | null;
  /** "#rrggbb", or null for the default. */
  primary_color: string | null;
  support_email: string | null;
  /**
   * The General tab's marketing copy as HTML the server made safe (text escaped, then a small
   * Markdown subset), shown on the sign-in page; null when there is none.
   */
  marketing_html: string | null;
}

/** The signed-in user (or, while impersonating, the user acted as). */
export interface User {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  /** owner, admin, supervisor, agent, analyst, viewer or member. */
  type: string;
  roles: string[];
  /** Whether the account signs in with a second factor. */
  two_factor: boolean;
}

/** Present while an admin acts as another user. */
export interface Impersonation {
  impersonating: true;
  id: string;
  by: { id: string; name: string };
  since: string;
  /** UTC time ("2026-12-07T10:00:00Z") at which it ends by itself. */
  expires_at: string;
  read_only: boolean;
  reason: string;
}

/** Where the user is inside the tab: /t/{tenant}/{tab}/{path}?{query}. */
export interface TabRoute {
  /** The tab's id (its plugin's id). */
  tab: string;
  /** The rest of the path after the tab, without leading '/': "" or "new" or "42/edit". */
  path: string;
  /** The query string's parameters (a copy: change the route with navigate()). */
  query: URLSearchParams;
}

/**
 * One API error, decoded from {"error": {code, message, field?, request_id}}.
 * The shell's client makes them: test `err.status` or `err.code`, not instanceof.
 */
export interface ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The input field the error is about, when the API names one. */
  readonly field?: string;
  readonly requestId?: string;
}

/** A whole answer, for when headers matter (ETag) or the status does. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** JSON-encoded as the body. */
  body?: unknown;
  /**
   * Sent as the body as it is, instead of `body` (a file upload): its `type`
   * is the Content-Type, application/octet-stream when it has none.
   */
  raw?: Blob;
  /** Appended as the query string; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The only way a tab calls the API: scoped to /t/{tenant}/api/v1, same
 * origin, sends the CSRF token on writes, decodes errors into ApiError. A
 * `403 reauth_required` opens the shell's password prompt and retries once
 * (the tab sees only the final answer); an expired session takes the user to
 * sign-in and back to the same page afterwards (the promise rejects with
 * ApiError "unauthenticated").
 */
export interface ApiClient {
  /** `path` starts with '/', relative to the API root, e.g. "/tokens". */
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** Any method; the whole answer. Rejects with ApiError on a status >= 400. */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
}

/** What the shell gives a tab. */
export interface TabContext {
  version: 1;
  tenant: { id: string; name: string; /** "/t/{tenant}/" or "/" on a custom domain. */ base: string };
  branding: Branding;
  user: User;
  /** Every permission the user holds here (API tokens' scopes are subsets). */
  permissions: readonly string[];
  impersonation: Impersonation | null;
  route: TabRoute;
  api: ApiClient;
  /** Whether the user holds `permission`. */
  can(permission: string): boolean;
}

/** Event names (composed and bubbling: they cross shadow roots). */
export declare const EVENTS: {
  /** detail: {to: string, replace?: boolean}; `to` is relative to the tenant's base, e.g. "tokens/new". */
  readonly navigate: 'tabhost:navigate';
  /** detail: {message: string, kind?: 'info' | 'success' | 'error'} */
  readonly toast: 'tabhost:toast';
  /** detail: {title: string} — shown in the page heading and the window title. */
  readonly title: 'tabhost:title';
  /** detail: {unsaved: boolean} — while true, leaving asks for confirmation. */
  readonly unsaved: 'tabhost:unsaved';
  /** detail: {resource: string, id: string, title?: string} — opens the history drawer. */
  readonly history: 'tabhost:history';
  /** detail: {} — the tab changed what the shell shows (the branding, the user's own account): it reads /me again. */
  readonly refresh: 'tabhost:refresh';
  /** From `<tabhost-settings-form>` to the tab around it (not composed): detail SettingsFormDetail, on load and on every edit. */
  readonly settingsChange: 'tabhost:settings-change';
  /** From `<tabhost-settings-form>` once a save is stored: detail SettingsFormDetail with the stored values. */
  readonly settingsSaved: 'tabhost:settings-saved';
};

/** Goes to another page of the dashboard (a tab's view, another tab). */
export declare function navigate(from: Element, to: string, options?: { replace?: boolean }): void;
/** Shows a short message. */
export declare function toast(from: Element, message: string, kind?: 'info' | 'success' | 'error'): void;
/** Sets the page's title (the tab's name stays in the navigation). */
export declare function setTitle(from: Element, title: string): void;
/** Marks unsaved changes, so that leaving the page asks first. */
export declare function setUnsaved(from: Element, unsaved: boolean): void;
/** Opens the history drawer of a record: GET /{resource}/{id}/history. */
export declare function openHistory(from: Element, resource: string, id: string, title?: string): void;
/** Tells the shell to read the session again (after a change to the branding or to the user's own account). */
export declare function refresh(from: Element): void;

/** A settings page a plugin registered (Registrar::settingsPage), as `GET /tabs` lists it. */
export interface SettingsPageRef {
  id: string;
  title: string;
  /** The page's API path, relative to the API root: "/voice". */
  path: string;
}

/** One option of a string field offered as a list. */
export interface SettingsChoice {
  value: string;
  label: string;
}

/** The detail of the settings form's events. */
export interface SettingsFormDetail {
  /** The page's id. */
  page: string;
  /** Every field's value as it would be saved: the stored values with the unsaved edits on top (secrets masked). */
  values: Readonly<Record<string, unknown>>;
  /** The fields the tenant's configuration locks ("set by your provider"): a control of yours for one is locked too. */
  locked: readonly string[];
}

/**
 * `<tabhost-settings-form>`, defined by the shell for every tab: the same form the shell draws for a
 * tab without UI code (field types, required marks, locked fields, masked secrets with Replace and
 * Clear, If-Match on save, a 412 that reloads without losing what was typed, the History button).
 * A tab whose page is more than a form puts it in its own template and adds the rest around it:
 *
 *     html`<tabhost-settings-form .context=${ctx} .page=${{id: 'voice', title: 'Voice', path: '/voice'}}
 *            @tabhost:settings-change=${(e) => this.preview(e.detail.values)}></tabhost-settings-form>`
 *
 * After a save it sends `refresh` for the shell, so a branding change shows at once.
 */
export interface SettingsFormElement extends HTMLElement {
  context: TabContext;
  page: SettingsPageRef;
  /** String fields offered as a list instead of free text: {field: choices}. */
  choices: Readonly<Record<string, readonly SettingsChoice[]>>;
  /** String fields written on several lines (a text area), such as a page's copy. */
  multiline: readonly string[];
  /** The values as they would be saved (see SettingsFormDetail.values); empty until loaded. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Edits a field as if the user had typed it (a colour picker or a chooser beside the form). */
  setValue(field: string, value: unknown): void;
}

/**
 * The branding's CSS custom properties, inherited into every shadow root:
 * colours derive from the tenant's primary colour with readable text on it.
 */
export declare const CSS_PROPERTIES: readonly string[];

/** "#rgb" or "#rrggbb" as lower-case "#rrggbb"; null for anything else. */
export declare function normalColor(text: unknown): string | null;
/** The WCAG 2 contrast ratio of two colours ("#rgb" or "#rrggbb"), 1 to 21. */
export declare function contrastRatio(a: string, b: string): number;
/**
 * The colour properties the shell sets for a primary colour: the primary, the text on it (black or
 * white, whichever reads better), a strong variant readable on white (links, focus) and a soft one
 * (selected rows); null when `primary` is no colour. For a tab that previews a colour before it is
 * saved: set them with element.style.setProperty on the preview.
 */
export declare function brandColors(primary: string): Readonly<Record<
  '--tabhost-primary' | '--tabhost-on-primary' | '--tabhost-primary-strong' | '--tabhost-primary-soft' | '--tabhost-focus',
  string>> | null;

/** The kit's stylesheet text (buttons, fields, tables, cards, badges) built on CSS_PROPERTIES. */
export declare const kitCss: string;
/** Adds the kit's stylesheet to a shadow root (CSP-safe: a constructed stylesheet). */
export declare function adoptKit(root: ShadowRoot, ...more: CSSStyleSheet[]): void;

/**
 * A UTC time from the API in ISO 8601: SQL's "2026-12-07 10:00:00" becomes
 * "2026-12-07T10:00:00Z", anything else is returned as it is. For
 * `<time datetime>` and Date.parse, which would read the SQL form as local time.
 */
export declare function utcIso(text: string): string;
/** What a view shows of a failed call. */
export interface Problem {
  message: string;
  /** The input field it is about: show it beside that field. */
  field?: string;
  requestId?: string;
}
/** An ApiError (or any thrown value) as a Problem. */
export declare function problemOf(error: unknown): Problem;
/** "{message} (request {id})": the id is what support needs to find the log lines. */
export declare function problemText(problem: Problem): string;

/** "3 min ago", "in 2 days"; `iso` is a UTC time from the API. */
export declare function relativeTime(iso: string | null | undefined, now?: number): string;
/** The time in the user's own timezone and locale. */
export declare function localTime(iso: string | null | undefined): string;
