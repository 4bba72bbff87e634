/** The frame of every console page: the module menu, the org (with the city's county switcher) and the user menu. */
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Button, Dropdown, Flex, Layout, Menu, Select, Tag, Typography, type MenuProps } from 'antd';
import { DisconnectOutlined, DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '@xs/core/roles.ts';
import { api, isApiError, setCsrfToken } from '../../shared/api.ts';
import type { LogoutOthersResult, SwitchTenantResult, TenantList } from '@xs/core/schemas/auth.ts';
import { MENU_GROUPS, MODULES, type ConsoleModule } from '../modules.tsx';
import { PageLoading } from '../components/page-loading.tsx';
import { fetchMe, isCityUser, ME_KEY, useCan, useSession } from '../session.tsx';
import { ChangePasswordModal } from '../features/auth/change-password.modal.tsx';
import { InboxBell } from '../features/inbox/inbox-bell.tsx';

const { Sider, Header, Content } = Layout;

function activeModule(pathname: string): ConsoleModule | undefined {
  return MODULES.filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

function useMenuItems(): NonNullable<MenuProps['items']> {
  const can = useCan();
  const roles = useSession().user.roles;
  return useMemo(() => {
    const visible = MODULES.filter((m) => !m.hideInMenu && can(m.permission) && (!m.roles || m.roles.some((r) => roles.includes(r))))
      .sort((a, b) => a.order - b.order);
    const item = (m: ConsoleModule) => ({ key: m.key, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> });
    const entries: { order: number; node: NonNullable<MenuProps['items']>[number] }[] = visible
      .filter((m) => !m.group)
      .map((m) => ({ order: m.order, node: item(m) }));
    for (const g of MENU_GROUPS) {
      const children = visible.filter((m) => m.group === g.key).map(item);
      if (children.length) entries.push({ order: g.order, node: { key: g.key, icon: g.icon, label: g.label, children } });
    }
    return entries.sort((a, b) => a.order - b.order).map((e) => e.node);
  }, [can, roles]);
}

function OrgSwitcher() {
  const me = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tenants = useQuery({ queryKey: ['auth', 'tenants'], queryFn: () => api.get<TenantList>('/auth/tenants'), staleTime: 10 * 60_000 });
  const switchTo = useMutation({
    mutationFn: async (tenantId: number) => {
      const { tenant } = await api.post<SwitchTenantResult>('/auth/switch-tenant', { tenantId });
      return { tenant, me: await fetchMe() };
    },
    onSuccess: ({ tenant, me: next }) => {
      // Everything cached belongs to the previous org; pages remount (keyed by org) and load afresh.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(ME_KEY, next);
      message.success(`已切换到「${tenant.name}」`);
    },
    onError: (err) => message.error(isApiError(err) ? err.message : '切换失败'),
  });
  return (
    <Select
      aria-label="切换查看的单位"
      value={me.tenant.id}
      loading={tenants.isLoading || switchTo.isPending}
      disabled={switchTo.isPending}
      style={{ minWidth: 200 }}
      showSearch={{ optionFilterProp: 'label' }}
      options={(tenants.data?.items ?? [me.tenant]).map((t) => ({ value: t.id, label: t.name }))}
      onChange={(id: number) => switchTo.mutate(id)}
    />
  );
}

function useLogout(): () => Promise<void> {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async () => {
    try {
      await api.post('/auth/logout');
    } catch (err) {
      if (!isApiError(err) || err.status !== 401) message.error('退出时出现问题，已在本机退出');
    }
    setCsrfToken(null);
    queryClient.clear();
    void navigate('/login', { replace: true });
  };
}

function UserMenu({ onChangePassword, compact }: { onChangePassword: () => void; compact: boolean }) {
  const me = useSession();
  const logout = useLogout();
  const { message } = App.useApp();
  const signOutOthers = async () => {
    try {
      const { ended } = await api.post<LogoutOthersResult>('/auth/logout-others');
      message.success(ended ? `已退出其他 ${ended} 个登录` : '没有其他设备登录此账号');
    } catch (err) {
      message.error(isApiError(err) ? err.message : '操作失败');
    }
  };
  const items: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: onChangePassword },
    { key: 'others', icon: <DisconnectOutlined />, label: '退出其他设备', onClick: () => void signOutOthers() },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true, onClick: () => void logout() },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" aria-label={`用户菜单：${me.user.displayName}`} style={{ height: 40 }}>
        <UserOutlined aria-hidden />
        {!compact && <span>{me.user.displayName}</span>}
        {!compact && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.user.roles.map((r) => ROLE_LABELS[r]).join('、')}
          </Typography.Text>
        )}
        <DownOutlined aria-hidden style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

export default function ConsoleLayout() {
  const me = useSession();
  const location = useLocation();
  const items = useMenuItems();
  const current = activeModule(location.pathname);
  const [collapsed, setCollapsed] = useState(false);
  // Below the lg breakpoint the menu hides completely and opens over the page from a header button.
  const [narrow, setNarrow] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const logout = useLogout();
  const [openGroups, setOpenGroups] = useState<string[]>(current?.group ? [current.group] : []);
  const visiting = me.tenant.id !== me.homeTenant.id;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">跳到主要内容</a>
      <Sider
        id="console-menu"
        width={224}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        collapsedWidth={narrow ? 0 : 80}
        trigger={narrow ? null : undefined}
        style={narrow
          ? { position: 'fixed', top: 0, left: 0, height: '100vh', zIndex: 100 }
          : { position: 'sticky', top: 0, height: '100vh' }}
      >
        <Link to="/" aria-label="协商 · 返回工作台"
          style={{ display: 'flex', alignItems: 'center', gap: 10, height: 64, padding: collapsed ? '0 24px' : '0 20px', color: '#fff', textDecoration: 'none' }}>
          <span aria-hidden style={{ display: 'inline-grid', placeItems: 'center', width: 32, height: 32, borderRadius: 6, background: '#a8071a', fontWeight: 700, flex: 'none' }}>协</span>
          {!collapsed && (
            <span style={{ lineHeight: 1.25 }}>
              <span style={{ display: 'block', fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>协商</span>
              <span style={{ display: 'block', fontSize: 12, color: 'rgba(255,255,255,0.75)' }}>政协协商为民平台</span>
            </span>
          )}
        </Link>
        <nav aria-label="主菜单" style={{ height: 'calc(100% - 64px)', overflowY: 'auto' }}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={current ? [current.key] : []}
            openKeys={collapsed ? undefined : openGroups}
            onOpenChange={setOpenGroups}
            onClick={() => narrow && setCollapsed(true)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header style={{
          position: 'sticky', top: 0, zIndex: 10, borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center',
          gap: 8, padding: narrow ? '0 12px' : undefined,
        }}>
          {narrow && (
            <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label={collapsed ? '打开菜单' : '关闭菜单'}
              aria-expanded={!collapsed} aria-controls="console-menu" onClick={() => setCollapsed((c) => !c)} />
          )}
          <Flex align="center" gap={12} style={{ flex: 1, minWidth: 0 }}>
            {isCityUser(me) ? <OrgSwitcher /> : (
              <Typography.Text strong ellipsis style={{ fontSize: 16 }}>{me.tenant.name}</Typography.Text>
            )}
            {visiting && !narrow && <Tag color="gold">市政协查看 · 只读</Tag>}
          </Flex>
          <InboxBell />
          <UserMenu onChangePassword={() => setPasswordOpen(true)} compact={narrow} />
        </Header>
        <Content id="main-content" tabIndex={-1} style={{ padding: narrow ? 12 : 24, outline: 'none' }}>
          {/* With an expired password the server opens only the account routes: no page until it is changed. */}
          {me.mustChangePassword ? null : (
            <Suspense fallback={<PageLoading />}>
              <Outlet key={me.tenant.id} />
            </Suspense>
          )}
        </Content>
      </Layout>
      <ChangePasswordModal
        open={me.mustChangePassword || passwordOpen}
        forced={me.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
        onLogout={() => void logout()}
      />
    </Layout>
  );
}
