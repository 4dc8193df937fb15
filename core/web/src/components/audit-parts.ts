// How an audit entry reads, wherever the shell shows one (the audit log, a
// record's history drawer): who did it, by whom when impersonating, and its
// field changes, a secret only as "changed".
import { html, nothing } from 'lit';
import { humanise } from '../format';
import type { AuditItem, Change } from '../types';

/** A field change; a secret's carries no values, only that it changed. */
export type AuditChange = Change & { secret?: boolean };

/** An entry as GET /audit answers it (narrated: summary and names). */
export interface AuditEntry extends Omit<AuditItem, 'changes'> {
  category: string;
  plugin: string;
  target: { type: string; id: string };
  metadata: Record<string, unknown>;
  changes: AuditChange[] | 'erased';
  request_id: string;
  client_address: string;
  user_agent: string;
}

/** How an entry was made (its `via`), in words. */
export const VIA_LABELS: Readonly<Record<string, string>> = {
  direct: 'Signed in directly', token: 'API token', impersonation: 'Impersonation', cli: 'Command line (tabctl)',
};

export const actorName = (item: Pick<AuditItem, 'actor'>) => item.actor?.name || item.actor?.id || 'System';

/** The admin behind an impersonated entry, or '' when there was none. */
export const impersonatorName = (item: Pick<AuditItem, 'impersonator_name' | 'impersonator_id'>) =>
  item.impersonator_name || item.impersonator_id || '';

/** "Alan Agent", or "Alan Agent, by Olga Owner impersonating": both people, named. */
export function actorLine(item: AuditItem) {
  const by = impersonatorName(item);
  return by
    ? html`<strong>${actorName(item)}</strong>, by <strong>${by}</strong> impersonating`
    : html`<strong>${actorName(item)}</strong>`;
}

/**
 * The action as the end of a sentence ("changed settings"). A summary that
 * starts with an acronym ("API …") keeps its capitals.
 */
export function whatWasDone(item: AuditItem): string {
  const summary = item.summary;
  if (!summary) return item.action;
  return /^[A-Z][a-z]/.test(summary) ? summary.charAt(0).toLowerCase() + summary.slice(1) : summary;
}

/** "Alan Agent, by Olga Owner impersonating, created a company." without the full stop. */
export function auditSentence(item: AuditItem) {
  return html`${actorLine(item)}${impersonatorName(item) ? ',' : ''} ${whatWasDone(item)}`;
}

const isPlain = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** A value as text: '—' for none, a list of plain values joined, JSON for anything else. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length && value.every(isPlain)) return value.join(', ');
  return JSON.stringify(value);
}

/** "Field: before → after" per change; a secret's value is never recorded, so it reads "changed". */
export function changeList(changes: AuditItem['changes'] | AuditEntry['changes']) {
  if (changes === 'erased') return html`<p class="muted">Personal data erased</p>`;
  if (!changes?.length) return nothing;
  return html`<ul class="changes">${(changes as AuditChange[]).map((change) => html`<li>
    <span class="field">${humanise(change.field)}</span>: ${change.secret
      ? html`<span class="th-badge">changed</span> <span class="muted">(a secret: its value is not recorded)</span>`
      : html`${shownValue(change.before)} → ${shownValue(change.after)}`}</li>`)}</ul>`;
}
