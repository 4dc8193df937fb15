// The root element of a built-in tab: the `context` the shell sets (a new
// object on every change) and a shadow root holding the kit's stylesheet,
// then the tab's own (`static sheet`).
import { LitElement } from 'lit';
import { adoptKit, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';

export class TabRoot extends LitElement {
  static properties = { context: { attribute: false } };
  /** The tab's own styles, adopted after the kit's. */
  static sheet?: CSSStyleSheet;
  declare context?: TabContext;

  protected createRenderRoot() {
    const root = super.createRenderRoot() as ShadowRoot;
    const own = (this.constructor as typeof TabRoot).sheet;
    adoptKit(root, ...(own ? [own] : []));
    return root;
  }
}
