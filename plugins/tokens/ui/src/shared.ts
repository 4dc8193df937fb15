// What the tokens tab's views share: the API's shapes and how an error from
// the API client is read.

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

// The kit's: one way to read an error in every tab and in the shell.
export { problemOf, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
