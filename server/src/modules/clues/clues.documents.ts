/**
 * The office's Word documents, generated from the data: a clue's 交办单 (转办函), 催办函 and 答复函, and the monthly or
 * quarterly 办理情况通报. Times are Beijing time; the texts are written Chinese in 公文 form; contact data never appears
 * (a document travels to units and meetings).
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { clueSubject } from '@xs/core/clue-titles.ts';
import { cstDate, cstDateTime, cstDay, workingDaysBetween } from '@xs/core/calendar.ts';
import { CLUE_CATEGORIES, CLUE_CHANNELS, CLUE_URGENCIES, type ClueUrgency } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getCalendar } from '../../platform/settings.ts';
import { caseTimeline } from '../../platform/workflow.ts';
import { names, requireCounty } from '../orgs/orgs.read.ts';
import { unitFigures } from './clues.figures.ts';
import { clueStats } from './clues.stats.ts';
import { coUnitsOf } from './clues.counits.ts';

const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const TITLE_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** 三号 (16 pt) body, 二号 (22 pt) title, in half-points. */
const BODY = 32;
const TITLE = 44;
const SMALL = 24;

const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text, font: TITLE_FONT, size: TITLE, bold: true })] });
const line = (text: string, opts: { indent?: boolean; right?: boolean; bold?: boolean } = {}) => new Paragraph({
  alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { line: 560 },
  indent: opts.indent ? { firstLine: 640 } : undefined,
  children: [new TextRun({ text, font: BODY_FONT, size: BODY, bold: opts.bold })],
});
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cell = (text: string, opts: { bold?: boolean; width?: number; span?: number } = {}) => new TableCell({
  columnSpan: opts.span, width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
  borders: { top: border, bottom: border, left: border, right: border },
  margins: { top: 80, bottom: 80, left: 120, right: 120 },
  children: text.split('\n').map((t) => new Paragraph({ children: [new TextRun({ text: t, font: BODY_FONT, size: SMALL, bold: opts.bold })] })),
});
/** A two-column form: label | value. */
const form = (rows: [string, string][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, { bold: true, width: 22 }), cell(v || '—', { width: 78 })] })),
});
const grid = (header: string[], rows: (string | number)[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
    ...rows.map((r) => new TableRow({ children: r.map((v) => cell(String(v))) }))],
});

/** A date as an office writes it: 2026年12月4日. */
export function chineseDate(at: Date | string): string {
  const [y, m, d] = (typeof at === 'string' ? cstDay(at) : cstDate(at)).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

async function build(sections: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: '协商·直通政协', title: 'document',
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY } } } },
    sections: [{ properties: { page: { margin: { top: 2000, bottom: 1800, left: 1600, right: 1500 } } }, children: sections }],
  });
  return Packer.toBuffer(doc);
}

export function sendDocx(reply: FastifyReply, filename: string, buf: Buffer) {
  return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(filename.replace(/[\\/:*?"<>|]/g, '、'))}.docx`)
    .send(buf);
}

export type ClueDocumentKind = 'assignment' | 'urge' | 'reply';

async function clueContext(db: Kysely<Database>, tenantId: number, id: number) {
  const clue = await db.selectFrom('clues').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!clue) throw notFound('线索');
  const county = await requireCounty(db, tenantId);
  const events = await caseTimeline(db, tenantId, 'clue', id);
  const forward = [...events].reverse().find((e) => e.transition === 'forward');
  const replyEvent = [...events].reverse().find((e) => e.transition === 'reply');
  const unitId = clue.unit_id ?? (Number(replyEvent?.data?.unitId ?? forward?.data?.unitId) || null);
  const n = await names(db, tenantId, { orgs: [clue.township_id, clue.village_id], units: [unitId] });
  const place = [n.orgs.get(clue.township_id), clue.village_id ? n.orgs.get(clue.village_id) : null, clue.place].filter(Boolean).join(' ');
  const subject = clueSubject({ content: clue.content, kind: clue.kind, categoryLabel: CLUE_CATEGORIES[clue.category], townshipName: n.orgs.get(clue.township_id) });
  return { clue, county, forward, replyEvent, unitName: unitId ? n.units.get(unitId) ?? '' : '', place, subject, countyShort: county.name.replace(/政协$/, '') };
}

/**
 * One of a clue's documents: the 交办单 (once forwarded), the 催办函 (while a unit holds it) or the 答复函 (once
 * answered). Returns the file name and the .docx bytes.
 */
export async function clueDocument(db: Kysely<Database>, tenantId: number, id: number, kind: ClueDocumentKind): Promise<{ filename: string; data: Buffer }> {
  const c = await clueContext(db, tenantId, id);
  const { clue } = c;
  const today = chineseDate(new Date());
  const office = `${c.county.name}办公室`;
  if (kind === 'assignment') {
    if (!c.forward || !c.unitName) throw new AppError('conflict', '这条线索还没有转办，不能生成交办单');
    const forwardAt = c.forward.at;
    // The co-units of this forwarding (an earlier forwarding's were withdrawn with it).
    const co = (await coUnitsOf(db, tenantId, clue.id)).filter((k) => k.asked_at >= forwardAt && k.state !== 'withdrawn');
    const coNames = (await names(db, tenantId, { units: co.map((k) => k.unit_id) })).units;
    const urgency = CLUE_URGENCIES[(c.forward.data?.urgency as ClueUrgency | undefined) ?? 'normal'] ?? '一般';
    const note = typeof c.forward.data?.forwardNote === 'string' ? c.forward.data.forwardNote : c.forward.note;
    return {
      filename: `交办单-${clue.code}`,
      data: await build([
        title(`${c.county.name}民意线索交办单`),
        line(`编号：${clue.code}`, { right: true }),
        form([
          ['承办单位', c.unitName],
          ['收到时间', cstDateTime(clue.created_at)],
          ['来源渠道', CLUE_CHANNELS[clue.channel] ?? clue.channel],
          ['问题类别', CLUE_CATEGORIES[clue.category]],
          ['发生地点', c.place],
          ['反映内容', clue.content],
          ['交办时间', cstDateTime(c.forward.at)],
          ['紧急程度', urgency],
          ['办理期限', clue.due_at && clue.state === 'forwarded' ? `${chineseDate(clue.due_at)}前` : chineseDate(String(c.forward.data?.dueAt ?? ''))],
          ['会办单位', co.length ? co.map((k) => `${coNames.get(k.unit_id) ?? ''}（${k.due_at ? `${chineseDate(k.due_at)}前提出会办意见` : '会办'}）`).join('；') : '无'],
          ['交办意见', note || '请按职责认真调查核实，依法依规办理，并在办理期限内答复。'],
        ]),
        line(''),
        ...(co.length ? [line('会办单位请在期限内向主办单位提出会办意见；主办单位汇总会办意见后统一答复。', { indent: true })] : []),
        line('请在办理期限内通过“承办办理”答复办理结果；不属于本单位职责的，请于2个工作日内说明理由退回；确需延期的，请在期限届满前提出申请。', { indent: true }),
        line(''),
        line(office, { right: true }),
        line(today, { right: true }),
      ]),
    };
  }
  if (kind === 'urge') {
    if (clue.state !== 'forwarded' || !c.unitName || !c.forward) throw new AppError('conflict', '只有承办单位正在办理的线索才能催办');
    const now = new Date();
    const calendar = await getCalendar(db, tenantId);
    const due = clue.due_at ? new Date(clue.due_at) : null;
    const status = !due ? '' : due < now
      ? `已超过办理期限${workingDaysBetween(due, now, calendar)}个工作日`
      : `距办理期限还有${workingDaysBetween(now, due, calendar)}个工作日`;
    return {
      filename: `催办函-${clue.code}`,
      data: await build([
        title('关于督促办理民意线索的函'),
        line(`${c.unitName}：`),
        line(`${chineseDate(c.forward.at)}，我办转交你单位办理群众反映的“${c.subject}”问题（线索编号${clue.code}），办理期限为${due ? chineseDate(due) : '（未定）'}，目前${status}，尚未答复。`, { indent: true }),
        line('请你单位高度重视，抓紧调查处理，尽快将办理结果通过“承办办理”答复；确有困难需要延期的，请说明理由申请延期。', { indent: true }),
        line('特此函告。', { indent: true }),
        line(''),
        line(office, { right: true }),
        line(today, { right: true }),
      ]),
    };
  }
  if (!clue.reply_text || !clue.replied_at) throw new AppError('conflict', '承办单位还没有答复，不能生成答复函');
  return {
    filename: `答复函-${clue.code}`,
    data: await build([
      title(`关于“${c.subject}”问题的答复`),
      line('尊敬的群众：'),
      line(`您于${chineseDate(clue.created_at)}通过${CLUE_CHANNELS[clue.channel] ?? '直通政协'}反映的“${c.subject}”问题（查询码${clue.code}）收悉。${c.countyShort}政协转交${c.unitName || '有关单位'}办理，现将办理情况答复如下：`, { indent: true }),
      ...clue.reply_text.split(/\n+/).map((p) => line(p, { indent: true })),
      line(`感谢您对${c.countyShort}工作的关心和支持。如对办理结果有意见，可凭查询码在“直通政协”评价或再次反映。`, { indent: true }),
      line(''),
      line(c.unitName ? `${c.unitName}  ${office}` : office, { right: true }),
      line(chineseDate(clue.replied_at), { right: true }),
    ]),
  };
}

/** The period of a bulletin: a month (1–12) or a quarter (1–4) of a year, as CST dates and a Chinese name. */
export function bulletinPeriod(period: 'month' | 'quarter', year: number, n: number) {
  const firstMonth = period === 'month' ? n : (n - 1) * 3 + 1;
  const months = period === 'month' ? 1 : 3;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, firstMonth - 1 + months, 0));
  const to = end.toISOString().slice(0, 10);
  const label = period === 'month' ? `${year}年${n}月` : `${year}年第${'一二三四'[n - 1]}季度`;
  return { from, to, label };
}

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);

/** 办理情况通报: the period's figures, the units ranked, the overdue named; written from the same numbers as the dashboards. */
export async function clueBulletin(db: Kysely<Database>, tenantId: number, period: 'month' | 'quarter', year: number, n: number) {
  const county = await requireCounty(db, tenantId);
  const p = bulletinPeriod(period, year, n);
  const s = await clueStats(db, tenantId, { from: p.from, to: p.to });
  const u = await unitFigures(db, tenantId, { from: p.from, to: p.to });
  const f = s.funnel;
  const topCategories = s.byCategory.slice(0, 3).map((g) => `${g.label}${g.received}条`).join('、');
  const late = u.rows.filter((r) => r.overdue > 0).sort((a, b) => b.overdue - a.overdue);
  const best = u.rows.filter((r) => r.replied > 0 && r.onTimeRate === 100);
  const paragraphs = [
    title(`${county.name}直通政协线索办理情况通报`),
    line(`（${p.label}）`, { right: false }),
    line(`${p.label}，${county.name}“直通政协”共收到群众反映${f.received}条，采纳${f.adopted}条，转交有关单位办理或转化为政协工作事项${f.forwarded}条，办结${f.resolved}条。`
      + `群众评价${s.satisfaction.satisfied + s.satisfaction.basically + s.satisfaction.unsatisfied}条，满意率${rate(s.satisfaction.rate)}${s.avgHandlingDays !== null ? `，平均办理${s.avgHandlingDays}个工作日` : ''}。`, { indent: true }),
    ...(topCategories ? [line(`从反映内容看，主要集中在${topCategories}。`, { indent: true })] : []),
    line(`承办单位共接收交办${u.total.assigned}件，按期办结率${rate(u.total.onTimeRate)}，超期${u.total.overdue}件，退回${u.total.returned}件。各单位办理情况如下：`, { indent: true }),
    grid(['排名', '承办单位', '交办', '已答复', '按期办结率', '满意率', '超期', '退回'],
      u.rows.map((r) => [r.rank, r.unitName, r.assigned, r.replied, rate(r.onTimeRate), rate(r.satisfactionRate), r.overdue, r.returned])),
    line(''),
    ...(best.length ? [line(`${best.map((r) => r.unitName).join('、')}全部按期答复，予以通报表扬。`, { indent: true })] : []),
    ...(late.length
      ? [line(`${late.map((r) => `${r.unitName}（${r.overdue}件）`).join('、')}存在超期办理情况，请相关单位认真查找原因，抓紧办理，按期答复群众。`, { indent: true })]
      : [line('本期没有超期办理的线索。', { indent: true })]),
    ...(s.overdueOpen ? [line(`截至目前，仍有${s.overdueOpen}条线索在办超期，县政协将逐件催办。`, { indent: true })] : []),
    line(''),
    line(`${county.name}办公室`, { right: true }),
    line(chineseDate(new Date()), { right: true }),
  ];
  return { filename: `${county.name}直通政协线索办理情况通报（${p.label}）`, data: await build(paragraphs), figures: { stats: s, units: u } };
}

