// Shapes of the API answers the shell reads (the tab contract's own types
// come from the kit).
import type { Branding, Impersonation, SettingsPageRef, User } from './kit';
import type { Api } from './api';

export interface TabUi {
  element: string;
  module_url: string;
  contract: number;
}

export interface TabInfo {
  id: string;
  title: string;
  icon: string;
  ui: TabUi | null;
  settings_pages: SettingsPageRef[];
}

export interface Me {
  user: User;
  via?: string;
  permissions: string[];
  tenant: { id: string; name: string };
  branding: Branding;
  tabs: TabInfo[];
  impersonation: Impersonation | { impersonating: false };
  password_change_required: boolean;
}

/** GET /auth/session: /me's answer when signed in, else the branding alone. */
export type Session = (Me & { signed_in: true }) | { signed_in: false; branding: Branding };

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditItem {
  seq: number;
  at: string;
  action: string;
  summary?: string;
  actor?: { type: string; id: string; name?: string };
  impersonator_id?: string | null;
  impersonator_name?: string | null;
  via?: string;
  changes?: Change[] | 'erased';
}

export interface StatCard {
  plugin: string;
  id: string;
  label: string;
  value: number | Record<string, unknown> | null;
  error?: string;
}

export interface DashboardData {
  cards: StatCard[];
  activity: AuditItem[] | null;
}

export interface SettingsField {
  name: string;
  type: 'string' | 'url' | 'email' | 'phone' | 'enum' | 'bool' | 'int' | 'list' | 'secret';
  required: boolean;
  locked: boolean;
  description: string;
  choices: string[];
  min: number | null;
  max: number | null;
  default: unknown;
}

export interface SettingsBody {
  page: string;
  title: string;
  updated_at: string | null;
  values: Record<string, unknown>;
  locked: string[];
  fields: SettingsField[];
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  danger?: boolean;
}

/** What the shell lends its pages. */
export interface Services {
  api: Api;
  base: string;
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** Fetches /me again (after a change to the account). */
  reloadMe(): Promise<void>;
}
