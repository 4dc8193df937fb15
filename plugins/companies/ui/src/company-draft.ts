// The editor's form as data: a company's fields as typed, the checks made
// before sending (the API makes them all again), and the body sent: every
// field given when creating, only what changed when editing.
import { fromApi, isE164, problems, toApi, type Menu, type Sent, type TreeProblem } from './call-tree.js';
import type { Company } from './shared.js';

/** The API's size bands (CompanyFields.cpp); any other size is an employee count. */
export const SIZE_BANDS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'];

const TOP_FIELDS = [
  'name',
  'domain',
  'logo_url',
  'description',
  'industry',
  'website',
  'support_email',
  'support_phone',
  'support_hours',
] as const;
const ADDRESS_FIELDS = ['street', 'city', 'region', 'postal_code', 'country'] as const;
type TopField = (typeof TOP_FIELDS)[number];
type AddressField = (typeof ADDRESS_FIELDS)[number];
export type TextField = TopField | AddressField;

export interface Draft extends Record<TextField, string> {
  /** "" (not given), a band, or "count" for an employee count. */
  sizeKind: string;
  sizeCount: string;
  tree: Menu | null;
  /** Whether the call tree was edited: only then is it sent. */
  treeEdited: boolean;
  verified: boolean;
}

export function draftOf(c?: Company): Draft {
  const text = {} as Record<TextField, string>;
  for (const f of TOP_FIELDS) text[f] = c?.[f] ?? '';
  for (const f of ADDRESS_FIELDS) text[f] = c?.address[f] ?? '';
  const size = c?.size ?? '';
  const band = size === '' || SIZE_BANDS.includes(size);
  return {
    ...text,
    sizeKind: band ? size : 'count',
    sizeCount: band ? '' : size,
    tree: c?.call_tree ? fromApi(c.call_tree) : null,
    treeEdited: false,
    verified: c?.call_tree_verified ?? false,
  };
}

/** The draft without the tree, as text: what "unsaved" compares (the tree counts through treeEdited). */
export function fingerprint(d: Draft): string {
  return JSON.stringify({ ...d, tree: null });
}

function sizeOf(d: Draft): string {
  return d.sizeKind === 'count' ? d.sizeCount.trim() : d.sizeKind;
}

/** A field as sent: single-line text trimmed, as the API stores it; the description as typed. */
function valueOf(d: Draft, f: TextField): string {
  return f === 'description' ? d.description : d[f].trim();
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const URL_FORM = /^https?:\/\/[^\s/?#]+/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]*[^\s@.]$/;
const COUNT = /^[1-9]\d{0,8}$/;

/** The field errors found before sending, by field (size for the size). */
export function fieldProblems(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = 'Enter the company’s name.';
  const domain = d.domain.trim().toLowerCase();
  if (!domain) out.domain = 'Enter the company’s domain, e.g. acme.example.';
  else if (!DOMAIN.test(domain) || !domain.includes('.')) out.domain = 'Enter a domain name such as acme.example.';
  for (const f of ['logo_url', 'website'] as const)
    if (d[f].trim() && !URL_FORM.test(d[f].trim())) out[f] = 'Enter an address starting with https:// or http://.';
  if (d.support_email.trim() && !EMAIL.test(d.support_email.trim()))
    out.support_email = 'Enter an email address such as help@acme.example.';
  if (d.support_phone.trim() && !isE164(d.support_phone.trim()))
    out.support_phone = 'Enter the number in E.164 form: + and the country code, e.g. +14155550100.';
  if (d.sizeKind === 'count' && !COUNT.test(d.sizeCount.trim()))
    out.size = 'Enter the number of employees, a whole number from 1.';
  return out;
}

export function treeProblems(d: Draft, maxDepth: number): Map<number, TreeProblem[]> {
  return d.tree ? problems(d.tree, maxDepth) : new Map();
}

/** The body of POST /companies or PATCH /companies/{id}, and the tree in it as sent (for the API's errors). */
export interface Body {
  body: Record<string, unknown>;
  sent: Sent | null;
}

/** Creating: every field given. */
export function createBody(d: Draft): Body {
  const body: Record<string, unknown> = {};
  for (const f of TOP_FIELDS) if (valueOf(d, f).trim()) body[f] = valueOf(d, f);
  const address: Record<string, string> = {};
  for (const f of ADDRESS_FIELDS) if (valueOf(d, f)) address[f] = valueOf(d, f);
  if (Object.keys(address).length) body.address = address;
  if (sizeOf(d)) body.size = sizeOf(d);
  const sent = d.tree ? toApi(d.tree) : null;
  if (sent) body.call_tree = sent.tree;
  if (d.verified) body.call_tree_verified = true;
  return { body, sent };
}

/** Editing: only what differs from `c` (null clears a field). */
export function changesBody(d: Draft, c: Company): Body {
  const body: Record<string, unknown> = {};
  for (const f of TOP_FIELDS) if (valueOf(d, f) !== (c[f] ?? '')) body[f] = valueOf(d, f) || null;
  const address: Record<string, string | null> = {};
  for (const f of ADDRESS_FIELDS) if (valueOf(d, f) !== (c.address[f] ?? '')) address[f] = valueOf(d, f) || null;
  if (Object.keys(address).length) body.address = address;
  if (sizeOf(d) !== (c.size ?? '')) body.size = sizeOf(d) || null;
  let sent: Sent | null = null;
  if (d.treeEdited) {
    sent = d.tree ? toApi(d.tree) : null;
    body.call_tree = sent ? sent.tree : null;
  }
  if (d.verified !== c.call_tree_verified) body.call_tree_verified = d.verified;
  return { body, sent };
}
