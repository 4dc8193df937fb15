// Short messages, bottom right (bottom, full width on a phone). Errors go
// to an assertive region and stay until dismissed; the others to a polite
// one and go after 5 s.
import { LitElement, css, html } from 'lit';
import { kit, shared } from './styles';
import { icon } from '../icons';

type Kind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  message: string;
  kind: Kind;
}

export class Toasts extends LitElement {
  static properties = { items: { state: true } };
  static styles = [kit, shared, css`
    :host { position: fixed; right: 1rem; bottom: 1rem; z-index: 40; width: min(24rem, calc(100vw - 2rem)); }
    .region { display: flex; flex-direction: column; gap: 0.5rem; }
    .region:not(:empty) + .region:not(:empty) { margin-top: 0.5rem; }
    .toast { display: flex; align-items: flex-start; gap: 0.625rem; padding: 0.75rem 0.75rem 0.75rem 1rem;
      background: var(--tabhost-surface); border: 1px solid var(--tabhost-border); border-left-width: 4px;
      border-radius: var(--tabhost-radius); box-shadow: 0 10px 30px rgb(15 23 42 / 0.15); }
    .toast.success { border-left-color: var(--tabhost-success); }
    .toast.error { border-left-color: var(--tabhost-danger); }
    .toast.info { border-left-color: var(--tabhost-primary); }
    .message { flex: 1; padding-top: 0.375rem; }
    .th-btn-link { min-height: 2rem; }
    @media (prefers-reduced-motion: no-preference) {
      .toast { animation: rise 0.2s ease-out; }
      @keyframes rise { from { transform: translateY(0.5rem); } }
    }
    @media (max-width: 640px) { :host { left: 0.5rem; right: 0.5rem; bottom: 0.5rem; width: auto; } }
  `];
  declare items: Toast[];
  private next = 0;

  constructor() {
    super();
    this.items = [];
  }

  show(message: string, kind: Kind = 'info') {
    const id = ++this.next;
    this.items = [...this.items, { id, message, kind }];
    if (kind !== 'error') setTimeout(() => this.dismiss(id), 5000);
  }

  private dismiss(id: number) {
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  private item(toast: Toast) {
    return html`<div class="toast ${toast.kind}">
      <span class="message">${toast.message}</span>
      <button class="th-btn th-btn-link" type="button" @click=${() => this.dismiss(toast.id)}>
        ${icon('close')}Dismiss</button>
    </div>`;
  }

  // Both regions are always there: a live region announces what is added to it, not itself appearing.
  render() {
    const errors = this.items.filter((toast) => toast.kind === 'error');
    const others = this.items.filter((toast) => toast.kind !== 'error');
    return html`
      <div class="region" role="alert">${errors.map((toast) => this.item(toast))}</div>
      <div class="region" role="status">${others.map((toast) => this.item(toast))}</div>`;
  }
}
customElements.define('tabhost-toasts', Toasts);
