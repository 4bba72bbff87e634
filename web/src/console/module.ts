/**
 * How a feature plugs into the console: its pages (menu items and routes) and menu groups. Each
 * feature declares a `ConsoleFeature` in its own folder (`features/<name>/<name>.console.tsx`) and
 * features/registry.ts lists them, one line each; the router and the menu are built from that list.
 */
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission, Role } from '@xs/core/roles.ts';

export interface ConsoleModule {
  /** Unique; also the menu key. */
  key: string;
  /** Chinese menu label. */
  label: string;
  icon?: ReactNode;
  /** The page's URL, e.g. `/admin/members`; `/` is the home page (工作台). */
  path: string;
  /** The page (wrap big pages in React.lazy so the login page stays small). */
  element: ReactNode;
  /** What the user must hold to see the menu item and open the page; none = every signed-in user. */
  permission?: Permission;
  /**
   * The roles the menu item is for, when the permission is wider than the page's use (every role may read
   * the organisation, but only the office works with its reference pages); none = whoever holds the permission.
   */
  roles?: readonly Role[];
  /** Menu position, lower first. */
  order: number;
  /** Key of a submenu in MENU_GROUPS. */
  group?: string;
  /** Further routes below `path` (detail pages such as `:id`); `element` is then the index page. */
  children?: RouteObject[];
  /** A route without a menu item. */
  hideInMenu?: boolean;
}

export interface MenuGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  order: number;
}

export interface ConsoleFeature {
  modules: ConsoleModule[];
  groups?: MenuGroup[];
  /**
   * Keys of pages this feature stands in for until their module arrives (the roadmap's placeholders):
   * a real module with the same key replaces the placeholder.
   */
  placeholder?: boolean;
}

/** The office's roles (staff, leaders, admins, the city): the reference-data pages and the modules to come are theirs. */
export const OFFICE_ROLES: readonly Role[] = ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'];
