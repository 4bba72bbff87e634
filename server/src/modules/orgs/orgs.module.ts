/** Organisation data (townships and villages, sectors, committees, units, venues) and 码上议 posters: the reference data every other module reads. */
import { defineModule } from '../../platform/module.ts';
import { orgRoutes } from './orgs.routes.ts';
import { posterRoutes } from './posters.ts';
import * as unitDuty from './migrations/20261204_1830_orgs_unit_duty.ts';

export const orgsModule = defineModule({
  name: 'orgs',
  label: '组织数据',
  routes: [orgRoutes, posterRoutes],
  migrations: { '20261204_1830_orgs_unit_duty': unitDuty },
});
