/**
 * 工作日历: the holidays and 调休 make-up workdays every working-day deadline counts with. The city sets the
 * national schedule once (or imports it); each county inherits it and adds or overrides its own days.
 */
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Calendar, Card, Flex, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import {
  CALENDAR_DAY_KIND_LABELS, type CalendarDayKind, type CalendarDayResult, type CalendarDayView, type CalendarView, type NationalImportResult,
} from '@xs/core/schemas/settings.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useSession } from '../../session.tsx';

const CALENDAR_KEY = ['settings', 'calendar'] as const;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

interface DayForm { kind: CalendarDayKind | 'inherit'; name?: string }

function DayCell({ day, ownLabel }: { day: CalendarDayView; ownLabel: string }) {
  const holiday = day.kind === 'holiday';
  const inherited = day.source === 'inherited';
  return (
    <div className={`cal-day cal-${day.kind} cal-${day.source}`} style={{
      marginTop: 4, padding: '2px 6px', borderRadius: 4, fontSize: 12, lineHeight: 1.5,
      background: holiday ? '#fff1f0' : '#fff7e6',
      border: `1px ${inherited ? 'dashed' : 'solid'} ${holiday ? '#ffa39e' : '#ffd591'}`,
    }}>
      <Flex gap={4} align="center" wrap>
        <Tag color={holiday ? 'red' : 'orange'} style={{ marginInlineEnd: 0, fontSize: 12, lineHeight: '18px', paddingInline: 4 }}>
          {holiday ? '休' : '班'}
        </Tag>
        {inherited
          ? <span style={{ color: '#8c8c8c', fontSize: 11 }}>市定</span>
          : <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>{ownLabel}</Tag>}
      </Flex>
      {day.name && <div style={{ color: '#434343', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={day.name}>{day.name}</div>}
      {day.overrides && (
        <div style={{ color: '#8c8c8c', fontSize: 11 }}>覆盖市定{CALENDAR_DAY_KIND_LABELS[day.overrides.kind]}</div>
      )}
    </div>
  );
}

export default function CalendarPage() {
  const me = useSession();
  const can = useCan();
  const canWrite = can('settings.manage');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The month shown lives in the URL (?month=2026-10), so a link or a reload opens the same month.
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('month');
  const month = fromUrl && /^\d{4}-\d{2}$/.test(fromUrl) ? dayjs(`${fromUrl}-01`) : dayjs();
  const [selected, setSelected] = useState<Dayjs | null>(null);
  const today = dayjs();
  const shown = selected?.isSame(month, 'month') ? selected : today.isSame(month, 'month') ? today : month;
  const setMonth = (d: Dayjs) => {
    if (d.format('YYYY-MM') !== month.format('YYYY-MM')) setParams({ month: d.format('YYYY-MM') }, { replace: true });
  };
  const [editing, setEditing] = useState<string | null>(null);
  const [importYear, setImportYear] = useState<number | null>(null);
  const [form] = Form.useForm<DayForm>();
  const year = month.year();

  const q = useQuery({
    queryKey: [...CALENDAR_KEY, me.tenant.id, year],
    queryFn: () => api.get<CalendarView>('/settings/calendar', { year }),
  });
  const byDate = new Map((q.data?.items ?? []).map((d) => [d.date, d]));
  const city = q.data?.inheritsFrom ?? null;
  const ownLabel = city ? '本县' : '本市';
  const refresh = () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });

  const save = useMutation({
    mutationFn: (v: DayForm & { date: string }) => api.put<CalendarDayResult>('/settings/calendar', {
      date: v.date, kind: v.kind === 'inherit' ? null : v.kind, name: v.kind === 'inherit' ? null : (v.name?.trim() || null),
    }),
    onSuccess: (_r, v) => {
      message.success(v.kind === 'inherit' ? `已取消 ${v.date} 的${ownLabel}设置` : `已将 ${v.date} 设为${CALENDAR_DAY_KIND_LABELS[v.kind]}`);
      setEditing(null);
      void refresh();
    },
    onError: (err) => applyServerErrors(form, err, message),
  });

  const importNational = useMutation({
    mutationFn: (y: number) => api.post<NationalImportResult>('/settings/calendar/national', { year: y }),
    onSuccess: (r, y) => {
      message.success(r.added ? `已导入 ${y} 年国家法定节假日 ${r.added} 天${r.confirmed ? '' : '（待国务院通知确认）'}` : `${y} 年的节假日均已设置，无需导入`);
      setImportYear(null);
      setMonth(dayjs(`${y}-01-01`));
      void refresh();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : '导入失败'),
  });

  const open = (date: Dayjs) => {
    if (!canWrite) return;
    const key = date.format('YYYY-MM-DD');
    const day = byDate.get(key);
    const own = day?.source === 'own' ? day : undefined;
    const weekend = date.day() === 0 || date.day() === 6;
    form.setFieldsValue({ kind: own?.kind ?? (day ? (day.kind === 'holiday' ? 'workday' : 'holiday') : (weekend ? 'workday' : 'holiday')), name: own?.name ?? '' });
    setEditing(key);
  };

  const editingDay = editing ? byDate.get(editing) : undefined;
  const inheritedOfEditing = editingDay?.source === 'inherited' ? { kind: editingDay.kind, name: editingDay.name } : editingDay?.overrides;
  const nationalYears = q.data?.nationalYears ?? [];

  return (
    <>
      <PageHeader
        title="工作日历"
        description={city
          ? `国家法定节假日和调休上班日由${city.name}统一设置，本县区自动继承；本地另有安排的日期可在这里单独设置（覆盖市里的设置）。所有按工作日计算的期限都以此为准。`
          : '在这里设置国家法定节假日和调休上班日，所辖县区自动继承，县区可再做本地调整。所有按工作日计算的期限都以此为准。'}
        extra={canWrite && nationalYears.length > 0 && (
          <Space.Compact>
            <Select aria-label="导入年份" placeholder="选择年份" style={{ width: 220 }} value={importYear} onChange={setImportYear}
              options={nationalYears.map((y) => ({ value: y.year, label: `${y.year} 年${y.confirmed ? '' : '（待国务院通知确认）'}` }))} />
            <Button type="primary" icon={<ImportOutlined aria-hidden />} disabled={importYear === null} loading={importNational.isPending}
              onClick={() => importYear !== null && importNational.mutate(importYear)}>导入国家法定节假日</Button>
          </Space.Compact>
        )}
      />
      {q.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
      )}
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">图例：</Typography.Text>
          <Space size={4}><Tag color="red">休</Tag>放假</Space>
          <Space size={4}><Tag color="orange">班</Tag>调休上班</Space>
          {city && <Space size={4}><span style={{ display: 'inline-block', width: 20, height: 12, border: '1px dashed #8c8c8c' }} />{`市定（继承自${city.name}）`}</Space>}
          <Space size={4}><Tag color="blue" style={{ marginInlineEnd: 0 }}>{ownLabel}</Tag>{city ? '本县区自己的设置（优先于市定）' : '本市设置，所辖县区继承'}</Space>
          {canWrite
            ? <Typography.Text type="secondary">点击日期可设置或取消。</Typography.Text>
            : <Typography.Text type="secondary">日历由管理员维护，您可以查看。</Typography.Text>}
        </Flex>
        <Calendar
          // Only a day the user picked is shown as selected, not the first of a month they paged to.
          className={selected?.isSame(month, 'month') || today.isSame(month, 'month') ? undefined : 'xs-calendar-unselected'}
          value={shown}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            setSelected(d);
            setMonth(d);
            if (info.source === 'date') open(d);
          }}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = byDate.get(d.format('YYYY-MM-DD'));
            if (day) return <DayCell day={day} ownLabel={ownLabel} />;
            // Weekends are days off unless a 调休 says otherwise; saying so makes the 班 days readable.
            return d.day() === 0 || d.day() === 6 ? <div className="cal-weekend" style={{ marginTop: 4, fontSize: 12, color: '#bfbfbf' }}>周末</div> : null;
          }}
        />
      </Card>

      <Modal
        open={editing !== null}
        title={editing ? `设置 ${editing}（星期${WEEKDAYS[dayjs(editing).day()]}）` : ''}
        okText="保存"
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {inheritedOfEditing && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }}
            title={`${city?.name ?? '市政协'}设置此日为${CALENDAR_DAY_KIND_LABELS[inheritedOfEditing.kind]}${inheritedOfEditing.name ? `（${inheritedOfEditing.name}）` : ''}`} />
        )}
        <Form<DayForm> form={form} layout="vertical" onFinish={(v) => editing && save.mutate({ ...v, date: editing })}>
          <Form.Item label="这一天" name="kind" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group>
              <Radio value="holiday">放假</Radio>
              <Radio value="workday">调休上班</Radio>
              {editingDay?.source === 'own' && (
                <Radio value="inherit">{city ? '取消本县设置（按市里或平常日）' : '取消设置（按平常日）'}</Radio>
              )}
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) => getFieldValue('kind') !== 'inherit' && (
              <Form.Item label="名称" name="name" extra="例如：春节、国庆节调休上班、本县庙会" rules={[{ max: 20, message: '名称最多 20 个字' }]}>
                <Input maxLength={20} placeholder="可不填" />
              </Form.Item>
            )}
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
