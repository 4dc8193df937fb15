// What the tokens tab's views share: the API's shapes and how an error from
// the API client is read.
import type { ApiError } from '../../../../sdk/ui/tabhost-ui.js';

/** One live token, as GET /tokens lists it. */
export interface Token {
  id: string;
  name: string;
  /** "tle_…abcd": the prefix and the last 4 characters, never the secret. */
  hint: string;
  scopes: string[];
  user_id: string;
  created_by: string;
  created_at: string;
  /** Empty when the token never expires. */
  expires_at: string;
  last_used_at: string | null;
}

/** POST /tokens' answer: the only time the full secret is sent. */
export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  hint: string;
  scopes: string[];
  expires_at: string;
}

/** An error as a view shows it. */
export interface Problem {
  message: string;
  field?: string;
  requestId?: string;
}

// The kit exports ApiError as a type only, so read its fields by shape; a
// network failure or a bug arrives as a plain Error.
export function problemOf(err: unknown): Problem {
  const e = err as Partial<ApiError> | null;
  return {
    message: e?.message || 'Something went wrong.',
    field: e?.field || undefined,
    requestId: e?.requestId || undefined,
  };
}

/** The message with its request id, which support needs to find the log lines. */
export function problemText(p: Problem): string {
  return p.requestId ? `${p.message} (request ${p.requestId})` : p.message;
}
