// The API client of the contract (ApiClient in the kit's .d.ts): the shell
// and every plugin tab share this one object.
import type { ApiClient, ApiResponse, RequestOptions } from './kit';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  /** Seconds to wait before trying again (a 429's Retry-After). */
  readonly retryAfter?: number;

  constructor(status: number, code: string, message: string,
              extra: { field?: string; requestId?: string; retryAfter?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.requestId = extra.requestId;
    this.retryAfter = extra.retryAfter;
  }
}

/** The API client's rejection when the session has ended (the shell is already on its way to sign-in). */
export const isSessionEnd = (error: unknown) => error instanceof ApiError && error.code === 'unauthenticated';

export interface ApiHooks {
  /** Asks for the password again; true once the step-up window is open. */
  reauthenticate(): Promise<boolean>;
  /** The session is gone: the shell takes the user to sign-in. */
  sessionEnded(): void;
}

// A 401 from these is about the credentials just sent, not a lost session.
const CREDENTIAL_ROUTES = new Set([
  '/auth/login', '/auth/reauth', '/auth/change-password', '/auth/accept-invite', '/auth/reset-password',
]);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The answers that hand out the session's CSRF token (sign-in, password
// change, impersonation...): a token in any other answer is not taken.
const CSRF_ROUTES = /^\/(me|auth\/.+|impersonation)$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function decodeError(response: Response, body: unknown): ApiError {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    text(error.code) ?? `http_${response.status}`,
    text(error.message) ?? `the server answered ${response.status} ${response.statusText}`.trim(),
    {
      field: text(error.field),
      requestId: text(error.request_id) ?? response.headers.get('X-Request-Id') ?? undefined,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    },
  );
}

export class Api implements ApiClient {
  /** "/t/{tenant}/api/v1" or "/api/v1". */
  readonly root: string;
  private readonly hooks: ApiHooks;
  private csrf = '';
  /** GETs started before anyone asked (prefetch), by path, each for the first request of it. */
  private readonly early = new Map<string, Promise<Response>>();
  /** The password prompt on screen: every request that meets `403 reauth_required` meanwhile waits for it. */
  private stepUp?: Promise<boolean>;

  constructor(root: string, hooks: ApiHooks) {
    this.root = root;
    this.hooks = hooks;
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.body<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.body<T>('POST', path, { ...options, body });
  }
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.body<T>('PUT', path, { ...options, body });
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.body<T>('PATCH', path, { ...options, body });
  }
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.body<T>('DELETE', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    try {
      return await this.send<T>(method, path, options);
    } catch (error) {
      // Step-up: the same request once more, so the user never re-types a form.
      if (error instanceof ApiError && error.status === 403 && error.code === 'reauth_required' &&
          (await this.reauthenticate()))
        return this.send<T>(method, path, options);
      throw error;
    }
  }

  /**
   * Starts `GET path` now, for a page that will ask for it as soon as it
   * shows (the Overview's /dashboard, while /me is on its way): the first
   * plain GET of it takes this answer instead of waiting for its own.
   */
  prefetch(path: string): void {
    const answer = fetch(this.root + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    // A failure nobody takes is no unhandled rejection; the GET that takes it fetches anew.
    answer.catch(() => {});
    this.early.set(path, answer);
  }

  /** Drops the prefetched answers nobody took: asked for in a session that is gone, or beside a /me that failed. */
  discardPrefetched(): void {
    this.early.clear();
  }

  /** One prompt for any number of requests refused at once: each retries once it is answered. */
  private reauthenticate(): Promise<boolean> {
    this.stepUp ??= this.hooks.reauthenticate().finally(() => (this.stepUp = undefined));
    return this.stepUp;
  }

  /** The prefetched answer of `GET path` if it came back ok; each is handed out once. */
  private async takeEarly(path: string): Promise<Response | undefined> {
    const early = this.early.get(path);
    if (!early) return undefined;
    this.early.delete(path);
    const response = await early.catch(() => undefined);
    return response?.ok ? response : undefined;
  }

  private async body<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>(method, path, options)).body;
  }

  private url(path: string, query: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined && value !== null) params.append(key, String(value));
    const search = params.toString();
    return this.root + path + (search ? (path.includes('?') ? '&' : '?') + search : '');
  }

  private async send<T>(method: string, path: string, options: RequestOptions): Promise<ApiResponse<T>> {
    const verb = method.toUpperCase();
    const headers = new Headers(options.headers);
    headers.set('Accept', 'application/json');
    if (WRITES.has(verb)) {
      headers.set('Content-Type', options.raw ? options.raw.type || 'application/octet-stream' : 'application/json');
      headers.set('X-CSRF-Token', this.csrf);
    }
    // Only a plain GET was prefetched: no query, no signal, no headers of its own.
    const plain = verb === 'GET' && !options.query && !options.signal && !options.headers;
    let response = plain ? await this.takeEarly(path) : undefined;
    try {
      response ??= await fetch(this.url(path, options.query), {
        method: verb,
        headers,
        body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, 'network_error', 'the server could not be reached; check the connection and try again');
    }
    let body: unknown;
    try {
      body = await readJson(response);
    } catch {
      body = null;
    }
    const route = path.split('?')[0];
    if (CSRF_ROUTES.test(route) && isObject(body) && typeof body.csrf_token === 'string') this.csrf = body.csrf_token;
    if (response.ok) return { status: response.status, headers: response.headers, body: body as T };
    const error = decodeError(response, body);
    if (response.status === 401 && !CREDENTIAL_ROUTES.has(route)) {
      // Nothing of the ended session is used again: its token, its prefetched answers.
      this.csrf = '';
      this.discardPrefetched();
      this.hooks.sessionEnded();
      throw new ApiError(401, 'unauthenticated', 'your session has ended; please sign in again',
                         { requestId: error.requestId });
    }
    throw error;
  }
}
