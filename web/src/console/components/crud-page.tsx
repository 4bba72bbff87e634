/**
 * A list page for one kind of the org's reference data: search and filters, a paginated table, add and
 * edit in a modal form, delete with a confirmation, Excel export. Write actions appear only for users
 * holding the write permission; every change sends the row's `version`, and a stale one is explained.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Modal, Popconfirm, Space, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '@xs/core/roles.ts';
import { api, isApiError } from '../../shared/api.ts';
import { applyServerErrors } from '../../shared/form-errors.ts';
import type { Page } from '../../shared/types.ts';
import { useCan } from '../session.tsx';
import { DataTable } from './data-table.tsx';
import { ExportButton } from './export-button.tsx';
import { FilterBar, ListFilterSelect } from './filter-bar.tsx';
import { ListPage } from './list-page.tsx';
import { useListState } from './list-state.ts';

export interface CrudRow {
  id: number;
  version: number;
}

export interface FilterDef {
  /** Query-string key, e.g. `sectorId`. */
  name: string;
  label: string;
  options: { value: string | number; label: string }[];
  width?: number;
}

export interface CrudPageProps<T extends CrudRow, V extends object> {
  /** What one row is, e.g. 「委员」; the page title unless `title` is given. */
  label: string;
  title?: string;
  description?: ReactNode;
  /** List path under /api/v1, e.g. `/members`; also `:id`, `/export`. */
  apiPath: string;
  writePermission: Permission;
  columns: TableColumnsType<T>;
  filters?: FilterDef[];
  searchPlaceholder?: string;
  /** The form's Form.Items. */
  renderForm: (ctx: { mode: 'create' | 'edit'; row: T | null }) => ReactNode;
  createValues?: Partial<V>;
  toFormValues: (row: T) => Partial<V>;
  toCreateBody: (values: V) => object;
  /** The PATCH body without `version` (added here). */
  toUpdateBody: (values: V, row: T) => object;
  rowName: (row: T) => string;
  /** More buttons beside 新增 (e.g. 导入). */
  toolbar?: ReactNode;
  canDelete?: boolean;
  modalWidth?: number;
}

type Editing<T> = { mode: 'create'; row: null } | { mode: 'edit'; row: T };

export function CrudPage<T extends CrudRow, V extends object>(props: CrudPageProps<T, V>) {
  const { label, apiPath, filters = [] } = props;
  const can = useCan();
  const canWrite = can(props.writePermission);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const listState = useListState({ keys: ['q', ...filters.map((f) => f.name)] });
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const [stale, setStale] = useState<string | null>(null);

  const filterQuery = listState.filterQuery;
  const list = useQuery({
    queryKey: [apiPath, 'list', listState.query],
    queryFn: () => api.get<Page<T>>(apiPath, listState.query),
    placeholderData: keepPreviousData,
  });

  // Lists, select options and dashboard counts may all show this data.
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });

  const close = () => {
    setEditing(null);
    setStale(null);
  };

  const save = useMutation({
    mutationFn: async ({ values, target }: { values: V; target: Editing<T> }) => {
      if (target.mode === 'create') return api.post<T>(apiPath, props.toCreateBody(values));
      return api.patch<T>(`${apiPath}/${target.row.id}`, { ...props.toUpdateBody(values, target.row), version: target.row.version });
    },
    onSuccess: (saved, { target }) => {
      message.success(`${target.mode === 'create' ? '已新增' : '已保存'}${label}「${props.rowName(saved)}」`);
      close();
      void refresh();
    },
    onError: (err) => {
      if (isApiError(err) && err.error === 'stale_version') {
        setStale(err.message);
        void refresh();
        return;
      }
      applyServerErrors(form, err, message);
    },
  });

  const remove = useMutation({
    mutationFn: (row: T) => api.delete(`${apiPath}/${row.id}`),
    onSuccess: (_r, row) => {
      message.success(`已删除${label}「${props.rowName(row)}」`);
      void refresh();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : '删除失败'),
  });

  async function reloadRow() {
    if (editing?.mode !== 'edit') return;
    try {
      const fresh = await api.get<T>(`${apiPath}/${editing.row.id}`);
      setEditing({ mode: 'edit', row: fresh });
      form.setFieldsValue(props.toFormValues(fresh) as Parameters<typeof form.setFieldsValue>[0]);
      setStale(null);
    } catch (err) {
      message.error(isApiError(err) ? err.message : '载入失败');
    }
  }

  const actionColumn: TableColumnsType<T>[number] = {
    title: '操作',
    key: 'actions',
    fixed: 'right',
    width: props.canDelete === false ? 80 : 140,
    render: (_v, row) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', row })} aria-label={`编辑${label}「${props.rowName(row)}」`}>编辑</Button>
        {props.canDelete !== false && (
          <Popconfirm
            title={`删除${label}`}
            description={`确定删除「${props.rowName(row)}」吗？删除后不能恢复。`}
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(row).catch(() => undefined)}
          >
            <Button type="link" size="small" danger aria-label={`删除${label}「${props.rowName(row)}」`}>删除</Button>
          </Popconfirm>
        )}
      </Space>
    ),
  };

  return (
    <>
      <ListPage
        title={props.title ?? label}
        description={props.description}
        extra={
          <>
            <ExportButton path={`${apiPath}/export`} query={filterQuery} fileName={`${label}.xlsx`} />
            {canWrite && props.toolbar}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create', row: null })}>
                新增{label}
              </Button>
            )}
          </>
        }
        filters={
          <FilterBar label={`筛选${label}`} searchLabel={props.searchPlaceholder ?? '按名称搜索'} list={listState}>
            {filters.map((f) => <ListFilterSelect key={f.name} list={listState} name={f.name} label={f.label} width={f.width} options={f.options} />)}
          </FilterBar>
        }
        query={list}
      >
        <DataTable<T>
          list={listState}
          data={list.data}
          loading={list.isFetching}
          columns={canWrite ? [...props.columns, actionColumn] : props.columns}
        />
      </ListPage>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? `编辑${label}` : `新增${label}`}
        okText="保存"
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={save.isPending}
        width={props.modalWidth ?? 560}
        destroyOnHidden
      >
        {stale && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={stale}
            description="您打开后，别人已修改了这条记录。载入最新数据后再修改（您在此处的修改会被替换）。"
            action={<Button size="small" onClick={() => void reloadRow()}>载入最新数据</Button>} />
        )}
        {editing && (
          <Form<V>
            key={editing.row?.id ?? 'new'}
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={editing.mode === 'edit' ? props.toFormValues(editing.row) : props.createValues}
            onFinish={(values) => save.mutate({ values, target: editing })}
          >
            {props.renderForm(editing)}
          </Form>
        )}
      </Modal>
    </>
  );
}
