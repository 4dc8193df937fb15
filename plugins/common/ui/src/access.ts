// What the signed-in user may change in a built-in tab: the permission, and
// not while impersonating read-only (the API refuses every write then), so
// that no action is offered that would only be refused.
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';

export function mayChange(ctx: TabContext, permission: string): boolean {
  return ctx.can(permission) && !ctx.impersonation?.read_only;
}
