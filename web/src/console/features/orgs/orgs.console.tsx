import { lazy } from 'react';
import { ApartmentOutlined, BankOutlined, ClusterOutlined, EnvironmentOutlined, HomeOutlined, SettingOutlined } from '@ant-design/icons';
import { OFFICE_ROLES, type ConsoleFeature } from '../../module.ts';

const PlacesPage = lazy(() => import('./places.page.tsx'));
const SectorsPage = lazy(() => import('./sectors.page.tsx'));
const CommitteesPage = lazy(() => import('./committees.page.tsx'));
const UnitsPage = lazy(() => import('./units.page.tsx'));
const VenuesPage = lazy(() => import('./venues.page.tsx'));

/** Organisation data under 系统管理 (the group every admin page joins). */
export const orgsConsole: ConsoleFeature = {
  groups: [{ key: 'admin', label: '系统管理', icon: <SettingOutlined />, order: 100 }],
  modules: [
    { key: 'places', label: '乡镇/村', icon: <EnvironmentOutlined />, path: '/admin/places', order: 101, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <PlacesPage /> },
    { key: 'sectors', label: '界别', icon: <ApartmentOutlined />, path: '/admin/sectors', order: 102, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <SectorsPage /> },
    { key: 'committees', label: '专委会', icon: <ClusterOutlined />, path: '/admin/committees', order: 103, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <CommitteesPage /> },
    { key: 'units', label: '承办单位', icon: <BankOutlined />, path: '/admin/units', order: 104, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <UnitsPage /> },
    { key: 'venues', label: '履职阵地', icon: <HomeOutlined />, path: '/admin/venues', order: 105, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <VenuesPage /> },
  ],
};
