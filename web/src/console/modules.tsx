/**
 * The console's pages and menu groups, gathered from every feature's `ConsoleFeature`
 * (features/registry.ts). The router and the menu are both built from these lists, and a page whose
 * `permission` the user lacks is neither shown nor opened.
 */
import type { ConsoleFeature, ConsoleModule, MenuGroup } from './module.ts';
import * as registry from './features/registry.ts';

export type { ConsoleModule, MenuGroup } from './module.ts';

const FEATURES: ConsoleFeature[] = Object.values(registry);
const REAL = new Set(FEATURES.filter((f) => !f.placeholder).flatMap((f) => f.modules.map((m) => m.key)));

export const MODULES: ConsoleModule[] = FEATURES.flatMap((f) => (f.placeholder ? f.modules.filter((m) => !REAL.has(m.key)) : f.modules));

export const MENU_GROUPS: MenuGroup[] = FEATURES.flatMap((f) => f.groups ?? []).sort((a, b) => a.order - b.order);

for (const [what, keys] of [['page', MODULES.map((m) => m.key)], ['menu group', MENU_GROUPS.map((g) => g.key)]] as const) {
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (twice.length) throw new Error(`console ${what} declared twice: ${twice.join(', ')}`);
}
