import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import type { Permission } from '@xs/core/roles.ts';
import { useCan } from '../session.tsx';
import { usePageTitle } from './page-header.tsx';

function Forbidden() {
  usePageTitle('没有权限');
  return (
    <Result
      status="403"
      title="没有权限"
      subTitle="您的账号没有访问此页面的权限。如需开通，请联系本单位管理员。"
      extra={<Link to="/"><Button type="primary">返回工作台</Button></Link>}
    />
  );
}

/** The page, or a 403 explanation when the user lacks the page's permission. */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <Forbidden />;
}
