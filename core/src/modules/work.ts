/** 我的待办 in core: who may ask for their own open work across every case type. */
import { defineCoreModule } from '../module.ts';

export const workModule = defineCoreModule({
  name: 'work',
  label: '我的待办',
  permissions: {
    'work.read': { label: '查看我的待办', roles: ['staff', 'unit_handler', 'leader', 'member', 'county_admin'] },
  },
});
