/** 新增/编辑用户: account, name, roles; the unit (and whether its 负责人) for unit handlers, the member record for members. */
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CITY_ROLES, ROLE_LABELS, ROLES, type Role } from '@xs/core/roles.ts';
import { UserCreateSchema } from '@xs/core/schemas/orgs.ts';
import { api } from '../../../shared/api.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { User } from '@xs/core/schemas/orgs.ts';
import { useMembers, useUnits } from '../../components/options.ts';
import { useSession } from '../../session.tsx';
import { handleUserChangeError } from './change-errors.ts';
import { PasswordField } from './password-field.tsx';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  roles: Role[];
  unitId?: number | null;
  unitLead?: boolean;
  memberId?: number | null;
  password?: string;
}

const S = UserCreateSchema.shape;

export function UserFormModal({ user, open, onClose, onSaved }: {
  /** null: a new user. */
  user: User | null;
  open: boolean;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const members = useMembers();
  const isCity = me.tenant.kind === 'city';
  const roleOptions = ROLES.filter((r) => CITY_ROLES.includes(r) === isCity).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const roles = Form.useWatch('roles', form) ?? [];

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        displayName: v.displayName,
        roles: v.roles,
        unitId: v.roles.includes('unit_handler') ? v.unitId ?? null : null,
        unitLead: v.roles.includes('unit_handler') && !!v.unitLead,
        memberId: v.roles.includes('member') ? v.memberId ?? null : null,
      };
      if (!user) return api.post<User>('/users', { ...common, username: v.username, phone: v.phone || null, password: v.password });
      // The list shows phones masked; an empty field leaves the stored number as it is.
      return api.patch<User>(`/users/${user.id}`, { ...common, ...(v.phone ? { phone: v.phone } : {}), version: user.version });
    },
    onSuccess: (u) => {
      message.success(user ? `已保存用户「${u.displayName}」` : `已新增用户「${u.displayName}」`);
      onSaved(u);
    },
    onError: (err) => handleUserChangeError(err, form, message, onClose),
  });

  return (
    <Modal
      open={open}
      title={user ? `编辑用户「${user.displayName}」` : '新增用户'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={600}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={user
          ? { username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitLead: user.unitLead, memberId: user.memberId }
          : { roles: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="用户名" name="username" required rules={user ? [] : [zodRule(S.username)]}
          extra={user ? '用户名创建后不能修改' : '登录用，3–32 位字母、数字、下划线、点或短横线'}>
          <Input disabled={Boolean(user)} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" required rules={[zodRule(S.displayName)]}>
          <Input maxLength={maxLengthOf(S.displayName)} autoComplete="off" />
        </Form.Item>
        <Form.Item label="手机号" name="phone" rules={[zodRule(S.phone, { optional: true })]}
          extra={user ? `留空则不修改${user.phone ? `（当前 ${user.phone}）` : ''}` : '可不填'}>
          <Input maxLength={11} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="roles" required rules={[zodRule(S.roles)]}>
          <Select mode="multiple" options={roleOptions} placeholder="至少选择一个角色" optionFilterProp="label" />
        </Form.Item>
        {roles.includes('unit_handler') && (
          <Form.Item label="所属承办单位" name="unitId" rules={[{ required: true, message: '承办单位用户须选择所属单位' }]}>
            <Select options={units.options} loading={units.loading} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
          </Form.Item>
        )}
        {roles.includes('unit_handler') && (
          <Form.Item name="unitLead" valuePropName="checked" extra="单位负责人把转来的线索分派给本单位的经办人">
            <Checkbox>本单位负责人</Checkbox>
          </Form.Item>
        )}
        {roles.includes('member') && (
          <Form.Item label="对应委员" name="memberId" extra="关联后，该账号提交的提案、社情民意等计入委员履职档案">
            <Select options={members.options} loading={members.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
          </Form.Item>
        )}
        {!user && <PasswordField label="初始密码" hint="请告知用户，首次登录后修改" />}
      </Form>
    </Modal>
  );
}
