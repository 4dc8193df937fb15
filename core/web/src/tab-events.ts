// The events a tab sends the shell (the kit's EVENTS). Their details come
// from plugin code, so each is checked before the shell acts on it.
import { EVENTS } from './kit';

export interface TabEventHandlers {
  navigate(to: string, replace: boolean): void;
  toast(message: string, kind: 'info' | 'success' | 'error'): void;
  title(title: string): void;
  /** `from` is the element that sent it: each reports for itself. */
  unsaved(from: EventTarget, unsaved: boolean): void;
  history(resource: string, id: string, title?: string): void;
  /** Reads the session again: the tab changed the branding or the user's own account. */
  refresh(): void;
}

type Detail = Record<string, unknown>;

export function listenToTabs(host: HTMLElement, on: TabEventHandlers): void {
  const listen = (type: string, handle: (detail: Detail, event: Event) => void) =>
    host.addEventListener(type, (event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (detail && typeof detail === 'object') handle(detail as Detail, event);
    });
  listen(EVENTS.navigate, ({ to, replace }) => {
    if (typeof to === 'string') on.navigate(to, Boolean(replace));
  });
  listen(EVENTS.toast, ({ message, kind }) => {
    if (message) on.toast(String(message), kind === 'success' || kind === 'error' ? kind : 'info');
  });
  listen(EVENTS.title, ({ title }) => {
    if (title) on.title(String(title));
  });
  listen(EVENTS.unsaved, ({ unsaved }, event) => on.unsaved(event.composedPath()[0], Boolean(unsaved)));
  listen(EVENTS.history, ({ resource, id, title }) => {
    if (resource && id) on.history(String(resource), String(id), title ? String(title) : undefined);
  });
  listen(EVENTS.refresh, () => on.refresh());
}
