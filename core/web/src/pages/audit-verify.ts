// The audit chain's check (GET /audit/verify) in words: verified up to an
// entry and when the last checkpoint was signed, or the first entry that
// does not match.
import { html, nothing } from 'lit';
import { localTime } from '../kit';
import { problemText, type Problem } from '../components/form';

/** GET /audit/verify's answer. */
export interface Verdict {
  ok: boolean;
  entries: number;
  first_bad_seq?: number;
  problem?: string;
  checkpoint?: { seq: number; at: string };
}

export type VerifyState = { checking: true } | { checking: false; verdict: Verdict } | { checking: false; problem: Problem };

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function checkpointText(verdict: Verdict) {
  const c = verdict.checkpoint;
  return c
    ? `, checkpoint signed at ${localTime(c.at)} (entry ${c.seq.toLocaleString()})`
    : '. No checkpoint has been signed yet';
}

export function chainStatus(state: VerifyState, recheck: () => void) {
  const again = html`<button class="th-btn th-btn-link" type="button" ?disabled=${state.checking}
    @click=${recheck}>Check again</button>`;
  if (state.checking)
    return html`<div class="th-alert chain" role="status" aria-busy="true"><p>Checking the audit chain…</p></div>`;
  if ('problem' in state)
    return html`<div class="th-alert th-alert-warning chain" role="alert">
      <p>Could not check the audit chain: ${problemText(state.problem)}</p>${again}</div>`;
  const { verdict } = state;
  if (verdict.ok)
    return html`<div class="th-alert th-alert-success chain" role="status">
      <p><strong>Verified</strong> up to entry ${verdict.entries.toLocaleString()}${checkpointText(verdict)}.</p>
      ${again}</div>`;
  return html`<div class="th-alert th-alert-error chain" role="alert">
    <p><strong>Entry ${verdict.first_bad_seq ?? '?'} does not match the chain.</strong>
      ${verdict.problem ? sentence(verdict.problem) : nothing}
      Someone changed the stored log outside the application, or its storage is damaged: find out
      which before relying on these entries.</p>
    ${again}</div>`;
}
