// What the billing tab's views share: the catalog's shape, who may change
// it, and the events between its elements.
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { mayChange } from '../../../common/ui/src/access.js';

/** One plan, as GET /billing/plans lists it and every write answers it. */
export interface Plan {
  id: string;
  name: string;
  price_label: string;
  /** A Stripe payment link; the API takes https only. */
  payment_link: string;
  created_at: string;
  updated_at: string;
}

/** Whether the user may change what this tab shows (billing.write, and not impersonating read-only). */
export const canWrite = (ctx: TabContext) => mayChange(ctx, 'billing.write');

/** The name of a plan-changed event: the dialog's confirmed answer for the list. */
export const PLAN_CHANGED = 'billing-plan-changed';

export interface PlanChange {
  /** The plan as the server stored it. */
  plan: Plan;
  /** True when it was deleted. */
  deleted: boolean;
}

export { problemOf, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
export { alertOf } from '../../../common/ui/src/page-parts.js';
