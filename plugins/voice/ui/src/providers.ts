// The two providers the voice plugin checks credentials against, and what a
// check's answer says in words: POST /voice/test and /voice-ai/test answer
// the codes of ProviderChecks.cpp, which become sentences a person can act on.
import { problemOf, problemText, type ApiError, type SettingsPageRef } from '../../../../sdk/ui/tabhost-ui.js';

export interface Provider {
  /** Its settings page (VoicePlugin.cpp registers both). */
  page: SettingsPageRef;
  name: 'Twilio' | 'ElevenLabs';
  testPath: string;
  /** What the page is for, above its form. */
  intro: string;
  /** What must be saved before a check can run (credentials_missing). */
  missing: string;
}

export const TWILIO: Provider = {
  page: { id: 'voice', title: 'Voice', path: '/voice' },
  name: 'Twilio',
  testPath: '/voice/test',
  intro: 'The Twilio account that places and receives the calls: its auth token, or an API key SID with its secret.',
  missing: 'Save the account SID and an auth token (or an API key SID and its secret) first.',
};

export const ELEVENLABS: Provider = {
  page: { id: 'voice-ai', title: 'Voice AI', path: '/voice-ai' },
  name: 'ElevenLabs',
  testPath: '/voice-ai/test',
  intro: 'The ElevenLabs agent that talks to callers. A public agent needs no API key.',
  missing: 'Save the agent id first.',
};

/** A check's answer when the provider accepted the credentials. */
export interface CheckAnswer {
  ok: true;
  account?: { sid: string; friendly_name: string; status: string };
  agent?: { agent_id: string; name: string };
}

/** A check's result in words: `detail` is what support or the admin may need next. */
export interface Outcome {
  ok: boolean;
  text: string;
  detail?: string;
}

/** 5000 → "5 s", 1500 → "1.5 s". */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function accepted(answer: CheckAnswer): Outcome {
  if (answer.account) {
    const { friendly_name: name, sid, status } = answer.account;
    // Twilio also accepts the credentials of a suspended or closed account, which places no calls.
    const detail = status && status !== 'active' ? `The account is ${status}.` : undefined;
    return { ok: true, text: `Connected as ${name || sid}`, detail };
  }
  if (answer.agent) return { ok: true, text: `Connected to the agent ${answer.agent.name || answer.agent.agent_id}` };
  return { ok: true, text: 'Connected' };
}

export function refused(provider: Provider, error: unknown): Outcome {
  const { code, message = '' } = error as Partial<ApiError>;
  const problem = problemOf(error);
  const support = problem.requestId ? `Request ${problem.requestId}.` : undefined;
  // The numbers come inside the server's message only ("… (HTTP 401)", "… within 5000 ms").
  switch (code) {
    case 'bad_credentials': {
      const status = /HTTP (\d{3})/.exec(message)?.[1];
      return { ok: false, text: `${provider.name} refused the credentials${status ? ` (HTTP ${status})` : ''}` };
    }
    case 'provider_timeout': {
      const ms = /within (\d+) ms/.exec(message)?.[1];
      return { ok: false, text: `${provider.name} did not answer within ${ms ? seconds(Number(ms)) : 'the time allowed'}` };
    }
    case 'provider_unreachable':
      // "cannot reach Twilio: Connection refused": the reason is for whoever runs the network.
      return { ok: false, text: `Cannot reach ${provider.name}`, detail: message.split(': ').slice(1).join(': ') || support };
    case 'provider_error':
      return { ok: false, text: `${provider.name} gave an unexpected answer`, detail: `${message}. ${support ?? ''}`.trim() };
    case 'credentials_missing':
      return { ok: false, text: 'Nothing to check yet', detail: provider.missing };
    default:
      // unknown_agent ("ElevenLabs has no agent …"), a missing permission, the network.
      return { ok: false, text: problemText(problem) };
  }
}
