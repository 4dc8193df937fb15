// The dialogs behind a user's actions, for the views that offer them (the
// list and a user's page): one of each in the view, opened by action.
import { html } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import './become-dialog.js';
import './delete-dialog.js';
import './reset-dialog.js';
import './status-dialog.js';
import './two-factor-dialog.js';
import type { StatusAction, StatusDialog } from './status-dialog.js';
import type { UserDialog } from './dialog-base.js';
import type { Action, User } from './shared.js';

/** The dialogs, in a wrapper that hears what they report (the API's answers). */
export function dialogs(
  ctx: TabContext,
  changed: (e: CustomEvent<User>) => void,
  removed: (e: CustomEvent<User>) => void,
) {
  return html`<div class="dialogs" @users-changed=${changed} @users-removed=${removed}>
    <tabhost-users-status .context=${ctx}></tabhost-users-status>
    <tabhost-users-reset .context=${ctx}></tabhost-users-reset>
    <tabhost-users-two-factor .context=${ctx}></tabhost-users-two-factor>
    <tabhost-users-delete .context=${ctx}></tabhost-users-delete>
    <tabhost-users-become .context=${ctx}></tabhost-users-become>
  </div>`;
}

const DIALOGS: Partial<Record<Action, string>> = {
  reset: 'tabhost-users-reset',
  disable2fa: 'tabhost-users-two-factor',
  delete: 'tabhost-users-delete',
  become: 'tabhost-users-become',
};
const STATUS: readonly Action[] = ['suspend', 'reactivate', 'discard', 'undiscard', 'resend'];

/** Opens the dialog of `action` in `root`; false when the action has none (edit, message, history). */
export function openDialog(root: ParentNode, action: Action, user: User, opener: HTMLElement | null): boolean {
  if (STATUS.includes(action)) {
    void root.querySelector<StatusDialog>('tabhost-users-status')?.ask(action as StatusAction, user, opener);
    return true;
  }
  const tag = DIALOGS[action];
  if (!tag) return false;
  void root.querySelector<UserDialog>(tag)?.open(user, opener);
  return true;
}
