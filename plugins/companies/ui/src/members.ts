// A company's members (route {id}/members): the users who belong to it, with
// their team and role; a user added through a searchable picker, a role
// changed in its row, a member removed after a confirmation. Each change is
// in the company's history. Renders into the tab's shadow root.
import { LitElement, html, nothing } from 'lit';
import {
  openHistory,
  problemOf,
  problemText,
  setTitle,
  toast,
  type Problem,
  type TabContext,
} from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import { alertOf } from '../../../common/ui/src/page-parts.js';
import { skeletonRows, when } from '../../../common/ui/src/table-parts.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import './confirm-dialog.js';
import { field } from './form-field.js';
import { companyPath, mayChange, type Company, type Page } from './shared.js';
import type { PickedUser, UserPicker } from './user-picker.js';
import './user-picker.js';

/** One member as GET /companies/{id}/members lists them. */
interface Member {
  user_id: string;
  name: string;
  email: string;
  status: string;
  team: string;
  role: string;
  since: string;
}

const ROLES: readonly [string, string][] = [
  ['member', 'Member'],
  ['manager', 'Manager'],
];
const COLUMNS = ['Member', 'Team', 'Role', 'Member since'];
const PAGE_SIZE = 100;

class Members extends LitElement {
  static properties = {
    context: { attribute: false },
    companyId: { attribute: false },
    company: { state: true },
    items: { state: true },
    next: { state: true },
    loadError: { state: true },
    picked: { state: true },
    team: { state: true },
    role: { state: true },
    errors: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  declare companyId: string;
  declare company: Company | null;
  declare items: Member[] | null;
  declare next: string | null;
  declare loadError: Problem | null;
  /** The user chosen in the picker. */
  declare picked: PickedUser | null;
  declare team: string;
  declare role: string;
  /** The add form's errors, by field (user_id, team, role). */
  declare errors: Record<string, string>;
  /** A refusal about no field (of the add form or of a row). */
  declare problem: Problem | null;
  /** A change is on its way. */
  declare busy: boolean;

  #loaded?: string;
  #seq = 0;

  constructor() {
    super();
    this.companyId = '';
    this.company = null;
    this.items = null;
    this.next = null;
    this.loadError = null;
    this.picked = null;
    this.team = '';
    this.role = 'member';
    this.errors = {};
    this.problem = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate() {
    if (!this.context || this.companyId === this.#loaded) return;
    this.#loaded = this.companyId;
    this.company = null;
    this.items = null;
    void this.loadCompany();
    void this.load();
  }

  private async loadCompany() {
    const ctx = this.context!;
    const id = this.companyId;
    try {
      const { company } = await ctx.api.get<{ company: Company }>(companyPath(id));
      if (id !== this.companyId) return;
      this.company = company;
      setTitle(this, `Members of ${company.name}`);
    } catch (err) {
      if (id === this.companyId) this.loadError = problemOf(err);
    }
  }

  /** The members, from the first page (after a change) or after `cursor`. */
  private async load(cursor: string | null = null) {
    const ctx = this.context!;
    const seq = ++this.#seq;
    try {
      const page = await ctx.api.get<Page<Member>>(companyPath(this.companyId, '/members'), {
        query: { limit: PAGE_SIZE, cursor: cursor ?? undefined },
      });
      if (seq !== this.#seq) return;
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next_cursor;
      this.loadError = null;
    } catch (err) {
      if (seq === this.#seq) this.loadError = problemOf(err);
    }
  }

  /** POST /companies/{id}/members: adds the user, or changes the team and role of a member. */
  private async put(userId: string, team: string, role: string) {
    await this.context!.api.post(companyPath(this.companyId, '/members'), { user_id: userId, team, role });
    await this.load();
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    this.problem = null;
    if (!this.picked) {
      this.errors = { user_id: 'Choose a user from the list.' };
      await this.updateComplete;
      this.querySelector<HTMLElement>('#member-user')?.focus();
      return;
    }
    const user = this.picked;
    this.errors = {};
    this.busy = true;
    try {
      await this.put(user.id, this.team.trim(), this.role);
      toast(this, `${user.name.trim() || user.email} is a ${this.role} of ${this.company?.name ?? 'the company'}.`, 'success');
      this.picked = null;
      this.team = '';
      this.role = 'member';
      this.querySelector<UserPicker>('tabhost-companies-user-picker')?.clear();
    } catch (err) {
      const p = problemOf(err);
      if (p.field && ['user_id', 'team', 'role'].includes(p.field)) this.errors = { [p.field]: p.message };
      else this.problem = p;
      await this.updateComplete;
      this.querySelector<HTMLElement>('.add-member [aria-invalid="true"], .add-member [role="alert"]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async changeRole(m: Member, role: string, select: HTMLSelectElement) {
    this.problem = null;
    this.busy = true;
    try {
      await this.put(m.user_id, m.team, role);
      toast(this, `${m.name.trim() || m.email} is now a ${role}.`, 'success');
    } catch (err) {
      select.value = m.role; // the row shows what is stored
      this.problem = problemOf(err);
    } finally {
      this.busy = false;
    }
  }

  private removeMember(m: Member, opener: HTMLElement) {
    const ctx = this.context!;
    const who = m.name.trim() || m.email;
    void this.querySelector<ConfirmDialog>('tabhost-companies-confirm')?.ask(
      {
        title: `Remove ${who}?`,
        text: `${who} stops being a member of ${this.company?.name ?? 'the company'}. Their account stays.`,
        confirm: 'Remove member',
        danger: true,
        run: async () => {
          await ctx.api.delete(companyPath(this.companyId, `/members/${encodeURIComponent(m.user_id)}`));
          toast(this, `${who} is no longer a member.`, 'success');
          await this.load();
          await this.updateComplete;
          this.querySelector<HTMLElement>('.th-table-wrap, .th-empty')?.focus();
        },
      },
      opener,
    );
  }

  private row(ctx: TabContext, m: Member) {
    const who = m.name.trim() || m.email;
    const manage = mayChange(ctx, 'companies.members');
    return html`<tr>
      <td data-label="Member">
        <div class="who-text">
          <span class="name">${who}</span>
          <div class="th-hint th-truncate">${m.email}${m.status !== 'active' ? ` · ${m.status}` : ''}</div>
        </div>
      </td>
      <td data-label="Team">${m.team || html`<span class="th-hint">—</span>`}</td>
      <td data-label="Role">
        ${manage
          ? html`<select class="th-select narrow" aria-label="Role of ${who}" ?disabled=${this.busy}
              @change=${(e: Event) => this.changeRole(m, (e.target as HTMLSelectElement).value, e.target as HTMLSelectElement)}>
              ${ROLES.map(([v, text]) => html`<option value=${v} .selected=${v === m.role}>${text}</option>`)}
            </select>`
          : (ROLES.find(([v]) => v === m.role)?.[1] ?? m.role)}
      </td>
      <td data-label="Member since">${when(m.since)}</td>
      ${manage
        ? html`<td class="actions" data-label="">
            <button type="button" class="th-btn" aria-label="Remove ${who}" ?disabled=${this.busy}
              @click=${(e: Event) => this.removeMember(m, e.currentTarget as HTMLElement)}>Remove</button>
          </td>`
        : nothing}
    </tr>`;
  }

  private addForm(ctx: TabContext) {
    if (!mayChange(ctx, 'companies.members')) return nothing;
    if (!ctx.can('users.read'))
      return html`<p class="th-hint">Adding members needs the users.read permission, to search the tenant's users.</p>`;
    return html`<form class="th-card add-member" novalidate @submit=${this.add} aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      <div class="add-row">
        <tabhost-companies-user-picker
          .context=${ctx}
          .members=${new Set((this.items ?? []).map((m) => m.user_id))}
          .error=${this.errors.user_id ?? ''}
          @user-pick=${(e: CustomEvent<PickedUser>) => {
            this.picked = e.detail;
            this.errors = {};
          }}
        ></tabhost-companies-user-picker>
        ${field({
          id: 'member-team',
          label: 'Team',
          value: this.team,
          maxlength: 64,
          placeholder: 'e.g. Support',
          error: this.errors.team,
          onInput: (v) => (this.team = v),
        })}
        ${field({
          id: 'member-role',
          label: 'Role',
          value: this.role,
          options: ROLES,
          error: this.errors.role,
          onInput: (v) => (this.role = v),
        })}
        <button type="submit" class="th-btn th-btn-primary" ?disabled=${this.busy}>Add member</button>
      </div>
    </form>`;
  }

  private table(ctx: TabContext) {
    const items = this.items;
    if (items?.length === 0) return html`<p class="th-empty" tabindex="-1">No members yet.</p>`;
    const manage = mayChange(ctx, 'companies.members');
    return html`<div class="th-table-wrap" tabindex="-1">
        <table class="th-table th-stack">
          <caption class="th-visually-hidden">Members of ${this.company?.name ?? 'the company'}</caption>
          <thead>
            <tr>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
              ${manage ? html`<th scope="col"><span class="th-visually-hidden">Remove</span></th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${items ? items.map((m) => this.row(ctx, m)) : skeletonRows(manage ? [...COLUMNS, ''] : COLUMNS)}
          </tbody>
        </table>
      </div>
      ${this.next
        ? html`<div class="more"><button type="button" class="th-btn" @click=${() => this.load(this.next)}>Load more</button></div>`
        : nothing}`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const editor = `${ctx.route.tab}/${encodeURIComponent(this.companyId)}`;
    const back = html`<a class="th-btn th-btn-link back" href="${ctx.tenant.base}${editor}"
      @click=${(e: MouseEvent) => follow(e, this, editor)}>← ${this.company?.name ?? 'The company'}</a>`;
    if (this.loadError) return html`${back}<div class="th-alert th-alert-error" role="alert">${problemText(this.loadError)}</div>`;
    return html`${back}
      <div class="th-toolbar">
        <p class="th-grow">The users who belong to this company, with their team and role.</p>
        ${ctx.can('audit.read') && this.company
          ? html`<button type="button" class="th-btn"
              @click=${() => openHistory(this, 'companies', this.companyId, this.company!.name)}>History</button>`
          : nothing}
      </div>
      ${this.addForm(ctx)} ${alertOf(this.problem)} ${this.table(ctx)}
      <tabhost-companies-confirm></tabhost-companies-confirm>`;
  }
}

if (!customElements.get('tabhost-companies-members')) customElements.define('tabhost-companies-members', Members);
