/**
 * 我的待办: every module's open work waiting on the user (a unit: what was 交办 to it; staff: what waits on the
 * office), in one list: late first, then by deadline. The tag and type filters live in the URL.
 */
import { Segmented } from 'antd';
import { WORK_TAGS, type WorkTag } from '@xs/core/schemas/work.ts';
import { DataTable } from '../../components/data-table.tsx';
import { FilterBar, ListFilterSelect } from '../../components/filter-bar.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { useListState } from '../../components/list-state.ts';
import { useSession } from '../../session.tsx';
import { useWork } from './work.api.ts';
import { workColumns } from './work-table.tsx';

/** The tags worth a tab for each kind of reader, in the order they read them. */
export const UNIT_TAGS: WorkTag[] = ['mine', 'new', 'due_soon', 'overdue', 'returned'];
export const STAFF_TAGS: WorkTag[] = ['to_accept', 'due_today', 'overdue', 'extension', 'to_publish', 'to_verify'];
/** The page also has 待处理 (待转办, 单位退回, 已答复, 提案待审查和交办 …), too mixed for a home card. */
const STAFF_PAGE_TAGS: WorkTag[] = ['to_accept', 'to_handle', 'due_today', 'overdue', 'extension', 'to_publish', 'to_verify'];

export default function WorkPage() {
  const me = useSession();
  const list = useListState({ keys: ['tag', 'type', 'q'] });
  const tag = list.filters.tag as WorkTag | undefined;
  const all = useWork();
  const q = useWork({ tag: tag && tag in WORK_TAGS ? tag : undefined, type: list.filters.type });
  const counts = all.data?.counts ?? {};
  const tags = me.user.roles.includes('unit_handler') ? UNIT_TAGS : STAFF_PAGE_TAGS;
  const text = list.filters.q;
  const items = (q.data?.items ?? []).filter((i) => !text || i.title.includes(text) || i.code.includes(text.toUpperCase()));
  return (
    <ListPage
      title="我的待办"
      description={me.user.roles.includes('unit_handler')
        ? '交办给本单位、等待本单位办理的各类事项（民意线索、提案、落实事项等），超期的排在最前。'
        : '各项业务中等待机关办理的事项：待受理、待处理、今天到期、超期、延期申请待审、待公开、待核验。'}
      filters={
        <FilterBar label="筛选我的待办" searchLabel="搜索事项或编号" list={list}>
          <Segmented<string>
            aria-label="待办分类"
            value={tag ?? 'all'}
            onChange={(v) => list.setFilters({ tag: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: `全部 ${all.data?.items.length ?? ''}` },
              ...tags.map((t) => ({ value: t, label: `${WORK_TAGS[t]} ${counts[t] ?? 0}` })),
            ]}
          />
          <ListFilterSelect list={list} name="type" label="业务类别" width={150}
            options={(all.data?.types ?? []).map((t) => ({ value: t.name, label: t.label }))} />
        </FilterBar>
      }
      query={q}
    >
      <DataTable list={list} data={{ items }} loading={q.isFetching} columns={workColumns} rowKey={(r) => `${r.type}-${r.id}`} unit="项"
        locale={{ emptyText: tag ? `没有「${WORK_TAGS[tag] ?? tag}」的事项` : '暂无待办事项' }} />
    </ListPage>
  );
}
