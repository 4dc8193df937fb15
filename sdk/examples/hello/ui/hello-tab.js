// The hello plugin's tab: a plain ES module, no framework, no build step.
// The shell imports this file, creates <hello-greetings> once and sets its
// `context` (see tabhost-ui.d.ts): the tenant, the user's permissions and
// `api`, the client to call the plugin's routes with. The SDK's CMake puts
// the kit beside this file as tabhost-ui.js.
import { adoptKit, localTime, toast } from './tabhost-ui.js';

// Own CSS goes in a constructed stylesheet: the page's CSP blocks inline styles.
const sheet = new CSSStyleSheet();
sheet.replaceSync('.th-card { margin-bottom: 1rem; } li { margin-bottom: 0.25rem; }');

// Every element is built with createElement and filled with textContent,
// which never parses HTML: a name like "<img src=x onerror=...>" shows as typed.
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The API client rejects with an ApiError: {status, code, message, field, requestId}.
function errorAlert(err) {
  const alert = el('div', 'th-alert th-alert-error', err.message);
  alert.setAttribute('role', 'alert');
  return alert;
}

class HelloGreetings extends HTMLElement {
  #ctx = null;
  #greeting = el('div', 'th-card', 'Loading…');
  #form = this.#buildForm();
  #greetings = el('section'); // the list and its heading
  #list = el('div');
  /** The tenant and permissions the shown data was fetched with. */
  #fetchedFor = '';

  // The tab is built once: a new context only updates it, so a half-typed name survives.
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptKit(root, sheet); // the kit's styles follow the tenant's branding
    this.#greetings.append(el('h2', '', 'Greetings'), this.#list);
    root.append(this.#greeting, this.#form, this.#greetings);
  }

  // The shell sets a new context whenever anything changes (route, branding,
  // permissions): show what the user may do now (the API refuses the rest
  // anyway), and fetch again only when the tenant or the permissions changed.
  set context(ctx) {
    this.#ctx = ctx;
    this.#form.hidden = !ctx.can('hello.write');
    this.#greetings.hidden = !ctx.can('hello.read');
    const fetchFor = `${ctx.tenant.id} ${ctx.permissions.join(' ')}`;
    if (fetchFor === this.#fetchedFor) return;
    this.#fetchedFor = fetchFor;
    ctx.api.get('/hello').then(
      (body) => (this.#greeting.textContent = body.message),
      (err) => this.#greeting.replaceChildren(errorAlert(err)),
    );
    this.#loadList();
  }

  get context() {
    return this.#ctx;
  }

  // GET /hello/greetings → {items: [{id, name, created_at}]}, newest first.
  async #loadList() {
    if (!this.#ctx.can('hello.read')) return;
    try {
      const { items } = await this.#ctx.api.get('/hello/greetings');
      const ul = el('ul');
      for (const greeting of items) {
        const li = el('li', '', `${greeting.name} `);
        li.append(el('span', 'th-hint', localTime(greeting.created_at))); // the user's own timezone
        ul.append(li);
      }
      this.#list.replaceChildren(items.length ? ul : el('p', 'th-empty', 'No greetings yet.'));
    } catch (err) {
      this.#list.replaceChildren(errorAlert(err));
    }
  }

  // POST /hello/greetings {name}; then the list is fetched again.
  #buildForm() {
    const form = el('form', 'th-card');
    const alertBox = el('div'); // errors about no field in particular
    const field = el('div', 'th-field');
    const label = el('label', '', 'Name');
    const input = el('input', 'th-input');
    const error = el('p', 'th-error');
    label.htmlFor = input.id = 'hello-name';
    error.id = 'hello-name-error';
    input.required = true;
    input.maxLength = 100;
    input.autocomplete = 'off';
    field.append(label, input);
    form.append(alertBox, field, el('button', 'th-btn th-btn-primary', 'Greet'));

    form.addEventListener('submit', async (event) => {
      event.preventDefault(); // no page load: the API call does the work
      const name = input.value.trim();
      alertBox.replaceChildren();
      error.remove();
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      try {
        await this.#ctx.api.post('/hello/greetings', { name });
        toast(this, `Greeted ${name}`, 'success');
        input.value = '';
        this.#loadList();
      } catch (err) {
        if (err.field !== 'name') {
          alertBox.append(errorAlert(err));
          return;
        }
        // An error about the input goes under it, and the input points to it.
        error.textContent = err.message;
        field.append(error);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', error.id);
        input.focus();
      }
    });
    return form;
  }
}

if (!customElements.get('hello-greetings')) customElements.define('hello-greetings', HelloGreetings);
