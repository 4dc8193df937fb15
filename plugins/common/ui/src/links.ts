// Links inside a tab: real <a href> (a new tab or window works, the address
// can be copied), whose plain click the shell's navigation takes over.
import { navigate } from '../../../../sdk/ui/tabhost-ui.js';

/** A link's click, taken over by the shell's navigation unless it asks for a new tab or window. */
export function follow(e: MouseEvent, from: Element, to: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(from, to);
}
