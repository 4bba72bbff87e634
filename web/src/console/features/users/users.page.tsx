/** 用户: accounts of this org — roles, the unit of unit handlers, reset password, unlock, disable. */
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CITY_ROLES, ROLE_LABELS, ROLES, type Role } from '@xs/core/roles.ts';
import { api, isApiError } from '../../../shared/api.ts';
import type { User, UserList } from '@xs/core/schemas/orgs.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { FilterBar, ListFilterSelect } from '../../components/filter-bar.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { useListState } from '../../components/list-state.ts';
import { useMembers, useUnits } from '../../components/options.ts';
import { formatTime } from '../../components/time.ts';
import { useSession } from '../../session.tsx';
import { ResetPasswordModal } from './reset-password.modal.tsx';
import { UserFormModal } from './user-form.modal.tsx';

const LIST_KEY = ['/users', 'list'] as const;

export default function UsersPage() {
  const me = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const members = useMembers();
  const listState = useListState({ keys: ['q', 'role'] });
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  // The server gives every account at once; the table pages them here.
  const filter = listState.filterQuery;
  const list = useQuery({
    queryKey: [...LIST_KEY, filter],
    queryFn: () => api.get<UserList>('/users', filter),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: LIST_KEY });

  const patch = useMutation({
    mutationFn: ({ user, change }: { user: User; change: { active?: boolean; unlock?: boolean }; done: string }) =>
      api.patch<User>(`/users/${user.id}`, { ...change, version: user.version }),
    onSuccess: (_u, { done }) => {
      message.success(done);
      void refresh();
    },
    onError: (err) => {
      message.error(isApiError(err) ? err.message : '操作失败');
      void refresh();
    },
  });

  const isCity = me.tenant.kind === 'city';
  const roleOptions = ROLES.filter((r) => CITY_ROLES.includes(r) === isCity).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', fixed: 'left' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r} color="blue">{ROLE_LABELS[r]}</Tag>) },
    {
      title: '所属单位 / 委员', key: 'link',
      render: (_v, u) => [units.nameOf(u.unitId) && `${units.nameOf(u.unitId)}${u.unitLead ? '（负责人）' : ''}`, members.nameOf(u.memberId) && `委员：${members.nameOf(u.memberId)}`].filter(Boolean).join('；') || '—',
    },
    { title: '手机号', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
    {
      title: '状态', key: 'status',
      render: (_v, u) => (
        <Space size={4}>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
          {u.locked && <Tag color="red" icon={<LockOutlined aria-hidden />}>已锁定</Tag>}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (t: string | null) => (t ? formatTime(t) : '从未登录') },
    {
      title: '操作', key: 'actions', fixed: 'right',
      render: (_v, u) => {
        const self = u.id === me.user.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing({ user: u })} aria-label={`编辑用户「${u.displayName}」`}>编辑</Button>
            <Button type="link" size="small" onClick={() => setResetting(u)} aria-label={`重置「${u.displayName}」的密码`}>重置密码</Button>
            {u.locked && (
              <Popconfirm title="解除锁定" description={`解除「${u.displayName}」的登录锁定？`} okText="解除锁定"
                onConfirm={() => patch.mutateAsync({ user: u, change: { unlock: true }, done: `已解除「${u.displayName}」的锁定` }).catch(() => undefined)}>
                <Button type="link" size="small">解锁</Button>
              </Popconfirm>
            )}
            {self ? (
              <Tooltip title="不能停用自己的账号"><Button type="link" size="small" disabled>停用</Button></Tooltip>
            ) : (
              <Popconfirm
                title={u.active ? '停用用户' : '启用用户'}
                description={u.active ? `停用后「${u.displayName}」将不能登录，已登录的会话立即失效。` : `恢复「${u.displayName}」的登录？`}
                okText={u.active ? '停用' : '启用'}
                okButtonProps={{ danger: u.active }}
                onConfirm={() => patch.mutateAsync({
                  user: u, change: { active: !u.active }, done: `已${u.active ? '停用' : '启用'}用户「${u.displayName}」`,
                }).catch(() => undefined)}
              >
                <Button type="link" size="small" danger={u.active}>{u.active ? '停用' : '启用'}</Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <ListPage
        title="用户"
        description="本单位的登录账号和角色。连续输错密码会被临时锁定；离职人员请停用账号，不要删除，以便审计追溯。"
        extra={
          <>
            <ExportButton path="/users/export" query={filter} fileName="用户.xlsx" />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ user: null })}>新增用户</Button>
          </>
        }
        filters={
          <FilterBar label="筛选用户" searchLabel="按用户名或姓名搜索" list={listState}>
            <ListFilterSelect<Role> list={listState} name="role" label="角色" width={180} options={roleOptions} />
          </FilterBar>
        }
        query={list}
      >
        <DataTable<User> list={listState} data={list.data} loading={list.isFetching} columns={columns} unit="个用户" />
      </ListPage>
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void refresh();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={() => void refresh()} />
    </>
  );
}
