// A fake Twilio and ElevenLabs on 127.0.0.1 for the browser tests: the two
// calls the voice plugin makes to check credentials (ProviderChecks.cpp), as
// tests/integration/FakeProvider.hpp plays them for the C++ tests.
//   Twilio:     GET /2010-04-01/Accounts/{sid}.json, HTTP Basic auth;
//   ElevenLabs: GET /v1/convai/agents/{id}, header xi-api-key.
// A tenant reaches it through the voice plugin's operator settings
// twilio_base_url and elevenlabs_base_url (the tenant's YAML). It remembers
// what the host sent and can answer late, past provider_timeout_ms.
import { createServer } from 'node:http';

const TWILIO = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/;
const ELEVENLABS = /^\/v1\/convai\/agents\/([^/]+)$/;

/** "Basic base64(user:password)" → [user, password]; [] for anything else. */
function basicCredentials(header = '') {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match) return [];
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? [] : [text.slice(0, colon), text.slice(colon + 1)];
}

function answer(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

export class FakeProviders {
  /** Twilio answers 200 only to these Basic credentials, else 401. */
  twilio = { user: '', password: '', friendlyName: 'Fake Account' };
  /** The xi-api-key ElevenLabs wants; null: any or none. */
  elevenLabsKey = null;
  /** Agents ElevenLabs knows, id → name; any other id answers 404. */
  agents = new Map();
  /** Every answer waits this long first. */
  delayMs = 0;
  /** What each request carried: {method, path, user, password, xiApiKey}. */
  seen = [];
  #server = createServer((request, response) => this.#handle(request, response));
  #waiting = new Set();

  /** "http://127.0.0.1:<port>", for twilio_base_url and elevenlabs_base_url. */
  get url() {
    return `http://127.0.0.1:${this.#server.address().port}`;
  }

  listen() {
    return new Promise((done) => this.#server.listen(0, '127.0.0.1', done));
  }

  close() {
    for (const timer of this.#waiting) clearTimeout(timer);
    this.#server.closeAllConnections();
    return new Promise((done) => this.#server.close(done));
  }

  #handle(request, response) {
    const path = request.url.split('?')[0];
    const [user, password] = basicCredentials(request.headers.authorization);
    const xiApiKey = request.headers['xi-api-key'] ?? null;
    this.seen.push({ method: request.method, path, user, password, xiApiKey });
    const reply = () => {
      const twilio = TWILIO.exec(path);
      const agent = ELEVENLABS.exec(path);
      if (request.method === 'GET' && twilio) {
        const good = this.twilio.user !== '' && user === this.twilio.user && password === this.twilio.password;
        if (good) return answer(response, 200, { sid: twilio[1], friendly_name: this.twilio.friendlyName, status: 'active' });
        return answer(response, 401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (request.method === 'GET' && agent) {
        if (this.elevenLabsKey !== null && xiApiKey !== this.elevenLabsKey)
          return answer(response, 401, { detail: 'Invalid API key' });
        const name = this.agents.get(agent[1]);
        if (name === undefined) return answer(response, 404, { detail: 'Agent not found' });
        return answer(response, 200, { agent_id: agent[1], name });
      }
      answer(response, 404, { detail: 'no such fake route' });
    };
    if (!this.delayMs) return reply();
    const timer = setTimeout(() => {
      this.#waiting.delete(timer);
      // The host gave up meanwhile (its timeout): nobody is left to answer.
      if (!response.destroyed) reply();
    }, this.delayMs);
    this.#waiting.add(timer);
  }
}

/** A started fake, stopped by `t.after`. */
export async function startFakeProviders(t) {
  const fake = new FakeProviders();
  await fake.listen();
  t.after(() => fake.close());
  return fake;
}
