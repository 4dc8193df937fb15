// A call tree as the editor holds it: menus nested in the entries that open
// them, instead of the API's named menus that refer to each other. Converts
// both ways and finds what the API would refuse before anything is sent.
//
// The API's form (plugins/companies/src/CallTree.hpp):
//   {"root": "main", "menus": {"main": {"prompt": "...", "options": [{"digit": "1", "label": "Sales",
//     "action": "submenu", "menu": "sales"}, ...]}, "sales": {...}}}

export type Action = 'submenu' | 'transfer' | 'queue' | 'hangup';

export const ACTIONS: readonly [Action, string][] = [
  ['submenu', 'Open a submenu'],
  ['transfer', 'Transfer to a number'],
  ['queue', 'Join a queue'],
  ['hangup', 'Hang up'],
];

export const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

/**
 * The API's limits (CallTree.cpp). Lengths are the inputs' maxlength; the
 * API counts bytes, not characters, and says so on the entry when it refuses.
 */
export const MAX_ENTRIES = 12;
export const MAX_MENUS = 50;
export const MAX_LENGTH = { label: 100, prompt: 500, queue: 64 } as const;

export interface ApiOption {
  digit: string;
  label: string;
  action: string;
  menu?: string;
  number?: string;
  queue?: string;
}

export interface ApiCallTree {
  root: string;
  menus: Record<string, { prompt?: string; options: ApiOption[] }>;
}

/** One keypad entry. `menu` is kept when the action changes, so that switching back restores it. */
export interface Entry {
  /** Stable across edits and moves: the key of its row, its inputs' ids and its errors. */
  key: number;
  digit: string;
  label: string;
  action: Action;
  number: string;
  queue: string;
  menu: Menu | null;
}

export interface Menu {
  key: number;
  /** The API's name of the menu ("" for a new one: named from its entry's label when sent). */
  name: string;
  prompt: string;
  entries: Entry[];
}

let lastKey = 0;
const nextKey = () => ++lastKey;

export function newEntry(digit = ''): Entry {
  return { key: nextKey(), digit, label: '', action: 'hangup', number: '', queue: '', menu: null };
}

export function newMenu(name = ''): Menu {
  return { key: nextKey(), name, prompt: '', entries: [newEntry('1')] };
}

/** The first digit no entry of `menu` uses. */
export function freeDigit(menu: Menu): string {
  return DIGITS.find((d) => !menu.entries.some((e) => e.digit === d)) ?? '';
}

const isAction = (text: string): text is Action => ACTIONS.some(([a]) => a === text);

/** The API's tree as nested menus; a menu two entries open becomes a copy under each. */
export function fromApi(tree: ApiCallTree): Menu {
  const build = (name: string, path: readonly string[]): Menu => {
    const menu = tree.menus[name] ?? { options: [] };
    return {
      key: nextKey(),
      name,
      prompt: menu.prompt ?? '',
      entries: (menu.options ?? []).map((o) => ({
        key: nextKey(),
        digit: o.digit,
        label: o.label,
        action: isAction(o.action) ? o.action : 'hangup',
        number: o.number ?? '',
        queue: o.queue ?? '',
        // The API refuses cycles; a path already walked is not walked again all the same.
        menu: o.action === 'submenu' && o.menu && !path.includes(o.menu) ? build(o.menu, [...path, o.menu]) : null,
      })),
    };
  };
  return build(tree.root, [tree.root]);
}

/** The editor's tree in the API's form, and where each menu and entry is in it (for the API's errors). */
export interface Sent {
  tree: ApiCallTree;
  /** "menus.sales" and "menus.sales.options[1]" → the key of that menu or entry. */
  paths: Map<string, number>;
}

/** "Talk to sales!" → "talk-to-sales": a menu name the API takes. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'menu'
  );
}

const VALID_NAME = /^[a-z0-9_-]{1,40}$/;

export function toApi(root: Menu): Sent {
  const menus: ApiCallTree['menus'] = {};
  const paths = new Map<string, number>();
  const used = new Set<string>();
  const unique = (wanted: string) => {
    let name = wanted;
    for (let n = 2; used.has(name); n++) name = `${wanted}-${n}`;
    used.add(name);
    return name;
  };
  const write = (menu: Menu, name: string) => {
    paths.set(`menus.${name}`, menu.key);
    const options = menu.entries.map((e, i) => {
      paths.set(`menus.${name}.options[${i}]`, e.key);
      const option: ApiOption = { digit: e.digit, label: e.label.trim(), action: e.action };
      if (e.action === 'transfer') option.number = e.number.trim();
      if (e.action === 'queue') option.queue = e.queue.trim();
      return option;
    });
    menus[name] = menu.prompt.trim() ? { prompt: menu.prompt.trim(), options } : { options };
    menu.entries.forEach((e, i) => {
      if (e.action !== 'submenu' || !e.menu) return;
      const child = unique(VALID_NAME.test(e.menu.name) ? e.menu.name : slug(e.label));
      options[i].menu = child;
      write(e.menu, child);
    });
  };
  const rootName = unique(VALID_NAME.test(root.name) ? root.name : 'main');
  write(root, rootName);
  return { tree: { root: rootName, menus }, paths };
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(text: string): boolean {
  return E164.test(text);
}

/** What is wrong with a menu or an entry, and which of its inputs it is about. */
export interface TreeProblem {
  /** digit, label, action, number, queue, prompt; "" for the menu or entry as a whole. */
  field: string;
  message: string;
  /** Something not yet filled in: the editor says so only once a save is tried. */
  missing?: boolean;
}

/**
 * The API's refusal of a call tree ({field: "call_tree.menus.sales.options[1].digit",
 * message: "menus.sales.options[1].digit: digit 1 is used twice..."}) as a
 * problem of the menu or entry it names, about the input it names (a
 * submenu's "menu" is its action); undefined when the path names none.
 */
export function serverProblem(sent: Sent, field: string, message: string): [number, TreeProblem] | undefined {
  const parts = field.replace(/^call_tree\.?/, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = sent.paths.get(parts.slice(0, n).join('.'));
    if (key === undefined) continue;
    const last = /\.(digit|label|action|number|queue|menu|prompt)$/.exec(field)?.[1] ?? '';
    // The message starts with the path it is about, which the entry shows already.
    const text = message.replace(/^[^ ]+: /, '');
    return [key, { field: last === 'menu' ? 'action' : last, message: text.charAt(0).toUpperCase() + text.slice(1) }];
  }
  return undefined;
}

/**
 * What the API would refuse, by the key of the menu or entry it concerns:
 * a digit used twice in a menu, a menu deeper than `maxDepth` (the root is
 * level 1), a number not in E.164 form, a missing label or queue.
 */
export function problems(root: Menu, maxDepth: number): Map<number, TreeProblem[]> {
  const found = new Map<number, TreeProblem[]>();
  const add = (key: number, field: string, message: string, missing = false) =>
    found.set(key, [...(found.get(key) ?? []), { field, message, missing }]);
  let count = 0;
  const check = (menu: Menu, level: number) => {
    if (++count === MAX_MENUS + 1) add(menu.key, '', `A call tree has at most ${MAX_MENUS} menus.`);
    if (menu.entries.length === 0) add(menu.key, '', 'A menu needs at least one entry.');
    if (menu.entries.length > MAX_ENTRIES) add(menu.key, '', `A menu has at most ${MAX_ENTRIES} entries.`);
    const byDigit = new Map<string, number>();
    for (const e of menu.entries) byDigit.set(e.digit, (byDigit.get(e.digit) ?? 0) + 1);
    for (const e of menu.entries) {
      if (!e.digit) add(e.key, 'digit', 'Choose the key a caller presses.', true);
      else if ((byDigit.get(e.digit) ?? 0) > 1) add(e.key, 'digit', `Key ${e.digit} is used twice in this menu.`);
      if (!e.label.trim()) add(e.key, 'label', 'Give the entry a label.', true);
      if (e.action === 'transfer' && !e.number.trim()) add(e.key, 'number', 'Enter the number to transfer to.', true);
      else if (e.action === 'transfer' && !isE164(e.number.trim()))
        add(e.key, 'number', 'Enter the number in E.164 form: + and the country code, e.g. +14155550100.');
      if (e.action === 'queue' && !e.queue.trim()) add(e.key, 'queue', 'Name the queue.', true);
      if (e.action === 'submenu') {
        if (level + 1 > maxDepth)
          add(e.key, 'action', `This submenu would be level ${level + 1}; menus nest at most ${maxDepth} levels here.`);
        if (e.menu) check(e.menu, level + 1);
      }
    }
  };
  check(root, 1);
  return found;
}
