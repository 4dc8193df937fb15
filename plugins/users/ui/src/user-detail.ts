// A user's page (route {id}): who they are, the edit form, their actions,
// and the messages sent to them. Everything shown is the API's last answer.
// Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, openHistory, setTitle, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { dialogs, openDialog } from './dialogs.js';
import './message-composer.js';
import './row-actions.js';
import {
  actionsFor,
  canWrite,
  capitalized,
  companies,
  companyNames,
  follow,
  initials,
  listUrl,
  manages,
  membershipLabels,
  nameOf,
  problemOf,
  problemText,
  statusBadge,
  userPath,
  when,
  type Action,
  type ActionRequest,
  type Company,
  type Page,
  type Problem,
  type User,
} from './shared.js';
import './user-form.js';

/** One message as GET /users/{id}/messages lists it. */
interface Message {
  id: string;
  sender_id: string;
  subject: string;
  body: string;
  created_at: string;
}

/** The page is the edit form already. */
const OMIT: readonly Action[] = ['edit'];

class UserDetail extends LitElement {
  static properties = {
    context: { attribute: false },
    userId: { attribute: false },
    user: { state: true },
    loadError: { state: true },
    messages: { state: true },
    messagesNext: { state: true },
    messagesError: { state: true },
    composing: { state: true },
    catalog: { state: true },
  };
  declare context?: TabContext;
  declare userId: string;
  declare user: User | null;
  declare loadError: Problem | null;
  declare messages: Message[] | null;
  declare messagesNext: string | null;
  declare messagesError: Problem | null;
  declare composing: boolean;
  declare catalog: Company[];

  #loaded = '';
  #seq = 0;
  #messagesSeq = 0;
  #composerOpener: HTMLElement | null = null;

  constructor() {
    super();
    this.userId = '';
    this.user = null;
    this.loadError = null;
    this.messages = null;
    this.messagesNext = null;
    this.messagesError = null;
    this.composing = false;
    this.catalog = [];
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!ctx || !ctx.can('users.read') || this.userId === this.#loaded) return;
    this.#loaded = this.userId;
    this.user = null;
    this.loadError = null;
    this.composing = false;
    // Nothing of the previous user's messages may show under this one's name.
    this.messages = null;
    this.messagesNext = null;
    this.messagesError = null;
    void this.load();
    void this.loadMessages();
    if (!changed.get('context')) void companies(ctx).then((list) => (this.catalog = list));
  }

  private async load() {
    const ctx = this.context!;
    const seq = ++this.#seq;
    try {
      const { user } = await ctx.api.get<{ user: User }>(userPath(this.userId));
      if (seq !== this.#seq) return;
      this.user = user;
      setTitle(this, nameOf(user));
    } catch (err) {
      if (seq === this.#seq) this.loadError = problemOf(err);
    }
  }

  private async loadMessages(cursor: string | null = null) {
    const ctx = this.context!;
    const seq = ++this.#messagesSeq;
    try {
      const page = await ctx.api.get<Page<Message>>(userPath(this.userId, '/messages'), {
        query: { limit: 20, cursor: cursor ?? undefined },
      });
      if (seq !== this.#messagesSeq) return;
      this.messages = cursor ? [...(this.messages ?? []), ...page.items] : page.items;
      this.messagesNext = page.next_cursor;
      this.messagesError = null;
    } catch (err) {
      if (seq === this.#messagesSeq) this.messagesError = problemOf(err);
    }
  }

  private onAction(e: CustomEvent<ActionRequest>) {
    const { action, user, opener } = e.detail;
    if (action === 'history') openHistory(this, 'users', user.id, nameOf(user));
    else if (action === 'message') {
      this.#composerOpener = opener;
      this.composing = true;
    } else openDialog(this, action, user, opener);
  }

  private compose(e: Event) {
    // The button goes while the composer is open: the section's heading gets the focus back.
    this.#composerOpener = (e.currentTarget as HTMLElement).closest('section')?.querySelector('h2') ?? null;
    this.composing = true;
  }

  private closeComposer() {
    this.composing = false;
    this.#composerOpener?.focus();
    this.#composerOpener = null;
  }

  private onChanged(e: CustomEvent<User>) {
    this.user = e.detail;
    setTitle(this, nameOf(e.detail));
  }

  private onRemoved() {
    navigate(this, listUrl(this.context!));
  }

  private profile(ctx: TabContext, u: User) {
    const memberships = membershipLabels(u, companyNames(this.catalog));
    return html`<section class="th-card profile" aria-label="Profile">
      <div class="who">
        <span class="avatar large" aria-hidden="true">${initials(u)}</span>
        <div class="who-text">
          <h2>${nameOf(u)}</h2>
          <p class="th-hint">${u.email}</p>
        </div>
        <span class="th-grow"></span>
        <tabhost-users-row-actions .context=${ctx} .user=${u} .omit=${OMIT}></tabhost-users-row-actions>
      </div>
      <dl class="facts">
        <div><dt>Type</dt><dd><span class="th-badge">${capitalized(u.type)}</span></dd></div>
        <div><dt>Status</dt><dd>${statusBadge(u.status)}</dd></div>
        <div><dt>Roles</dt><dd>${u.roles.length ? u.roles.join(', ') : 'None'}</dd></div>
        <div><dt>Companies</dt><dd>${memberships.length ? memberships.join(', ') : 'None'}</dd></div>
        <div><dt>Two-factor authentication</dt><dd>${u.two_factor ? 'On' : 'Off'}</dd></div>
        <div><dt>Last login</dt><dd>${when(u.last_login_at)}</dd></div>
        <div><dt>Created</dt><dd>${when(u.created_at)}</dd></div>
      </dl>
    </section>`;
  }

  // The form only where the API would take it (the same rules as the actions' Edit).
  private edit(ctx: TabContext, u: User) {
    if (!canWrite(ctx)) return nothing;
    return html`<section>
      <h2>Edit</h2>
      ${u.id === ctx.user.id
        ? html`<p>
            This is you: change your own details on your
            <a href="${ctx.tenant.base}profile" @click=${(e: MouseEvent) => follow(e, this, 'profile')}>profile page</a>.
          </p>`
        : manages(ctx, u)
          ? html`<tabhost-users-form .context=${ctx} .user=${u}></tabhost-users-form>`
          : html`<p>You can edit only users whose type ranks below yours (${ctx.user.type}).</p>`}
    </section>`;
  }

  private messageList() {
    if (this.messagesError)
      return html`<div class="th-alert th-alert-error" role="alert">
        <p>${problemText(this.messagesError)}</p>
        <button type="button" class="th-btn" @click=${() => this.loadMessages()}>Retry</button>
      </div>`;
    if (!this.messages) return html`<p aria-busy="true"><span class="th-skeleton"></span></p>`;
    if (!this.messages.length) return html`<p class="th-hint">No messages sent to this user yet.</p>`;
    const me = this.context!.user.id;
    return html`<ul class="messages">
        ${this.messages.map(
          (m) => html`<li class="th-card">
            <h3>${m.subject}</h3>
            <p class="th-hint">Sent ${when(m.created_at)}${m.sender_id === me ? ' by you' : ''}</p>
            <p class="message-body">${m.body}</p>
          </li>`,
        )}
      </ul>
      ${this.messagesNext
        ? html`<div class="more">
            <button type="button" class="th-btn" @click=${() => this.loadMessages(this.messagesNext)}>Load more</button>
          </div>`
        : nothing}`;
  }

  private messagesSection(ctx: TabContext, u: User) {
    return html`<section>
      <div class="th-toolbar">
        <h2 class="th-grow" tabindex="-1">Messages</h2>
        ${!this.composing && actionsFor(ctx, u).includes('message')
          ? html`<button type="button" class="th-btn" @click=${this.compose}>Write a message</button>`
          : nothing}
      </div>
      ${this.composing
        ? html`<tabhost-users-composer
            .context=${ctx}
            .user=${u}
            @users-message-sent=${() => this.loadMessages()}
            @users-composer-close=${this.closeComposer}
          ></tabhost-users-composer>`
        : nothing}
      ${this.messageList()}
    </section>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    if (!ctx.can('users.read')) return html`<p class="th-empty">You do not have permission to see users.</p>`;
    const u = this.user;
    const back = html`<div class="th-toolbar">
      <a class="th-btn th-btn-link" href="${ctx.tenant.base}${listUrl(ctx)}" @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}
        ><span aria-hidden="true">←</span> All users</a
      >
    </div>`;
    if (this.loadError)
      return html`${back}
        <div class="th-alert th-alert-error" role="alert">${problemText(this.loadError)}</div>`;
    if (!u) return html`${back}<div class="th-card" aria-busy="true"><span class="th-skeleton"></span></div>`;
    return html`${back}
      <div class="detail" @users-action=${this.onAction} @users-changed=${this.onChanged}>
        ${this.profile(ctx, u)} ${this.edit(ctx, u)} ${this.messagesSection(ctx, u)}
      </div>
      ${dialogs(ctx, this.onChanged, this.onRemoved)}`;
  }
}

if (!customElements.get('tabhost-users-detail')) customElements.define('tabhost-users-detail', UserDetail);
