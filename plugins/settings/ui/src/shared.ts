// What the General tab's parts share: who may change what, and how an error
// from the API client is shown.
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';

/** Whether the user may change what `permission` guards: held, and not acting as someone read-only. */
export function canWrite(ctx: TabContext, permission: string): boolean {
  return ctx.can(permission) && !ctx.impersonation?.read_only;
}

export { problemOf, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
export { alertOf } from '../../../common/ui/src/page-parts.js';
