import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Button, Input, TextArea } from 'antd-mobile';
import type { ClueCategory } from '@xs/core/schemas/clues.ts';
import { errorMessage, fieldErrors, publicApi, PublicApiError, type SubmitBody } from '../api.ts';
import { useElderMode } from '../elder.ts';
import { KIND_LABELS, LIMITS, PHONE_RE } from '../labels.ts';
import { h5, Link, navigate } from '../router.tsx';
import { rememberCounty } from '../saved.ts';
import type { ReportForm, SubmitResult } from '../types.ts';
import { Choices } from '../ui/Choices.tsx';
import { Field, focusFirstError } from '../ui/Field.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PhotoPicker } from './PhotoPicker.tsx';
import { usePhotoUploads } from './photos.ts';
import { SimilarHint } from './SimilarHint.tsx';
import { Success } from './Success.tsx';
import { clearDraft, loadDraft, saveDraft } from './draft.ts';

type Kind = keyof typeof KIND_LABELS;

interface Props {
  countyId: number;
  venueId: number | null;
  memberId: number | null;
  /** Set after a submission (kept in history.state so a reload still shows the code once more). */
  done: (SubmitResult & { hadPhone: boolean }) | null;
}

function positiveId(v: string | null): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function reportParams(query: URLSearchParams) {
  return { venueId: positiveId(query.get('v')), memberId: positiveId(query.get('m')) };
}

// The form data, asked for as soon as the script runs (before React's first render) on a QR landing.
const formRequests = new Map<string, Promise<ReportForm>>();
export function loadForm(countyId: number, venueId: number | null, memberId: number | null): Promise<ReportForm> {
  const key = `${countyId}/${venueId ?? ''}/${memberId ?? ''}`;
  let p = formRequests.get(key);
  if (!p) {
    p = publicApi.form(countyId, venueId, memberId);
    formRequests.set(key, p);
    p.catch(() => formRequests.delete(key));
  }
  return p;
}

/** 我要反映: the report page, including the 码上议 entry from a venue's or member's QR code. */
export default function ReportPage({ countyId, venueId, memberId, done }: Props) {
  const [form, setForm] = useState<ReportForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [qrLost, setQrLost] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; a new value reloads
  useEffect(() => {
    let live = true;
    setLoadError(null);
    loadForm(countyId, venueId, memberId)
      .then((f) => {
        if (!live) return;
        setForm(f);
        rememberCounty(countyId);
        if ((venueId && !f.venue) || (memberId && !f.member)) setQrLost(true);
      })
      .catch(async (err: unknown) => {
        // A poster for a venue that no longer exists still lets people report.
        if ((venueId || memberId) && err instanceof PublicApiError && err.status === 404) {
          try {
            const f = await loadForm(countyId, null, null);
            if (!live) return;
            setForm(f);
            setQrLost(true);
            return;
          } catch (e) {
            err = e;
          }
        }
        if (live) setLoadError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [countyId, venueId, memberId, attempt]);

  if (done) {
    return (
      <Layout countyId={countyId} title="提交成功">
        <Success countyId={countyId} result={done} />
      </Layout>
    );
  }
  if (loadError) {
    return (
      <Layout countyId={countyId} title="我要反映">
        <Notice tone="error" title="表单没有打开">{loadError}</Notice>
        <Button block color="primary" size="large" className="xs-btn" onClick={() => setAttempt((n) => n + 1)}>重新加载</Button>
      </Layout>
    );
  }
  if (!form) {
    return (
      <Layout countyId={countyId} countyName={null} title="我要反映">
        <p className="xs-loading" role="status">正在打开…</p>
      </Layout>
    );
  }
  return (
    <Layout countyId={countyId} countyName={form.county.name} title="我要反映">
      <ReportFormView countyId={countyId} form={form} qrLost={qrLost} />
    </Layout>
  );
}

function ReportFormView({ countyId, form, qrLost }: { countyId: number; form: ReportForm; qrLost: boolean }) {
  const elder = useElderMode();
  const uid = useId();
  const ids = { content: `${uid}-content`, place: `${uid}-place`, name: `${uid}-name`, phone: `${uid}-phone`, consent: `${uid}-consent` };
  const venue = form.venue;
  const member = venue ? null : form.member;
  const channel: SubmitBody['channel'] = venue ? 'qr_venue' : member ? 'qr_member' : 'h5';
  const via = venue ? `「${venue.name}」` : member ? `「${member.name}委员工作室」` : null;

  const [draft] = useState(() => {
    const d = loadDraft(countyId);
    // Only townships and categories the form still offers.
    if (d && d.townshipId != null && !form.townships.some((t) => t.id === d.townshipId)) d.townshipId = null;
    if (d && d.category && !form.categories.some((c) => c.value === d.category)) d.category = null;
    return d;
  });
  const [restored, setRestored] = useState(draft != null);
  const [kind, setKind] = useState<Kind>(draft?.kind ?? 'problem');
  const [category, setCategory] = useState<ClueCategory | null>(draft?.category ?? null);
  const [townshipId, setTownshipId] = useState<number | null>(draft?.townshipId ?? venue?.townshipId ?? member?.townshipId ?? null);
  const [villageId, setVillageId] = useState<number | null>(draft?.townshipId != null ? draft.villageId : null);
  const [place, setPlace] = useState(draft?.place ?? '');
  const [content, setContent] = useState(draft?.content ?? '');
  const [keepLocation, setKeepLocation] = useState(false);
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const photos = usePhotoUploads(countyId, keepLocation);

  useEffect(() => {
    saveDraft(countyId, { kind, category, townshipId, villageId, place, content });
  }, [countyId, kind, category, townshipId, villageId, place, content]);

  const startOver = () => {
    clearDraft(countyId);
    setKind('problem');
    setCategory(null);
    setTownshipId(venue?.townshipId ?? member?.townshipId ?? null);
    setVillageId(null);
    setPlace('');
    setContent('');
    setRestored(false);
    setErrors({});
  };

  const township = useMemo(() => form.townships.find((t) => t.id === townshipId) ?? null, [form, townshipId]);
  const wantsContact = contactName.trim() !== '' || contactPhone.trim() !== '';

  const clearError = (key: string) => setErrors((e) => {
    if (!(key in e)) return e;
    const { [key]: _gone, ...rest } = e;
    return rest;
  });

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!category) e.category = '请选择问题类别';
    if (!townshipId) e.townshipId = '请选择乡镇（街道）';
    const len = content.trim().length;
    if (len < LIMITS.contentMin) e.content = `请至少写 ${LIMITS.contentMin} 个字，说清楚是什么问题（现在 ${len} 个字）`;
    const phone = contactPhone.trim();
    if (phone && !PHONE_RE.test(phone)) e.contactPhone = '请输入 11 位手机号';
    if (wantsContact && !consent) e.consent = '留下姓名或电话时，请先阅读并勾选同意上面的说明';
    if (photos.items.some((p) => p.status === 'uploading' || p.status === 'queued')) e.photoTokens = '照片还在上传，请稍等一下再提交';
    else if (photos.items.some((p) => p.status === 'error')) e.photoTokens = '有照片没有传上去：请点“重试”或“删除”这张照片';
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setFormError(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length || !category || !townshipId) {
      setFormError('还有几处需要填写或修改，请看标红的地方');
      focusFirstError();
      return;
    }
    const body: SubmitBody = {
      kind,
      category,
      content: content.trim(),
      townshipId,
      villageId: villageId || null,
      place: place.trim() || null,
      contactName: contactName.trim() || null,
      contactPhone: contactPhone.trim() || null,
      consent: wantsContact ? consent : undefined,
      channel,
      venueId: venue?.id ?? null,
      memberId: member?.id ?? null,
      photoTokens: photos.items.flatMap((p) => (p.token ? [p.token] : [])),
    };
    setSubmitting(true);
    try {
      const r = await publicApi.submit(countyId, body);
      photos.clear();
      clearDraft(countyId);
      const done = { ...r, hadPhone: body.contactPhone != null };
      // Kept in this tab's history entry only, so a reload shows the code again; never in the URL.
      navigate(h5('/report', countyId), { done }, true);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(errorMessage(err));
      if (Object.keys(fe).length) focusFirstError();
    } finally {
      setSubmitting(false);
    }
  }

  const categoryOptions = form.categories.map((c) => ({ value: c.value, label: c.label }));
  const townshipOptions = form.townships.map((t) => ({ value: t.id, label: t.name }));
  const villageOptions = township?.villages.length
    ? [...township.villages.map((v) => ({ value: v.id, label: v.name })), { value: 0, label: '不确定' }]
    : [];

  return (
    <form className="xs-form" noValidate onSubmit={(e) => void submit(e)}>
      {via ? (
        <Notice tone="info" title={`您正在通过${via}反映问题`}>
          {venue?.theme && <p>这里关注：{venue.theme}</p>}
          {(venue?.townshipId ?? member?.townshipId) != null && <p>已为您选好所在的乡镇，如有不同可以改。</p>}
        </Notice>
      ) : qrLost ? (
        <Notice tone="warning" title="这个二维码对应的地点已找不到">您仍然可以在这里直接反映问题。</Notice>
      ) : (
        !elder && <p className="xs-lead">把身边的问题或建议告诉{form.county.name}，我们会转给有关部门办理，并告诉您结果。</p>
      )}

      {restored && (
        <Notice tone="info" title="已恢复您上次没写完的内容">
          <p>照片需要重新添加。</p>
          <Button size="small" className="xs-btn xs-inline-btn" onClick={startOver}>清空，重新填写</Button>
        </Notice>
      )}

      {/* What happened comes first: people open the form to say it, before 30 category and township buttons. */}
      <Field htmlFor={ids.content} name="content" label={kind === 'problem' ? '遇到了什么问题' : '您的建议'} required
        hint={`写清楚什么时间、什么地方、是什么情况，至少 ${LIMITS.contentMin} 个字`} error={errors.content}>
        <TextArea id={ids.content} value={content} onChange={(v) => { setContent(v); clearError('content'); }}
          rows={elder ? 5 : 6} maxLength={LIMITS.contentMax} showCount
          placeholder={kind === 'problem' ? '例如：村口的路灯坏了两个月，晚上出行很不安全' : '例如：建议在卫生院门口增设公交站'} />
      </Field>

      <Choices legend="您要" name="kind" columns={2} value={kind} onChange={setKind}
        options={[{ value: 'problem', label: KIND_LABELS.problem }, { value: 'suggestion', label: KIND_LABELS.suggestion }]}
        error={errors.kind} />

      <Choices legend="是哪方面的事" name="category" required columns={3} value={category}
        onChange={(v) => { setCategory(v); clearError('category'); }} options={categoryOptions} error={errors.category} />

      <Choices legend="发生在哪个乡镇（街道）" name="townshipId" required columns={3} value={townshipId}
        onChange={(v) => { setTownshipId(v); setVillageId(null); clearError('townshipId'); }}
        options={townshipOptions} error={errors.townshipId} />

      {villageOptions.length > 0 && (
        <Choices legend={`${township?.name ?? ''}的哪个村（社区）`} name="villageId" columns={3} value={villageId}
          onChange={(v) => { setVillageId(v); clearError('villageId'); }}
          options={villageOptions} error={errors.villageId} hint="不清楚可以不选" />
      )}

      <Field htmlFor={ids.place} name="place" label="具体地点" optional hint="例如：幸福街与滨河路路口东侧" error={errors.place}>
        <Input id={ids.place} value={place} onChange={(v) => { setPlace(v); clearError('place'); }} maxLength={LIMITS.placeMax}
          placeholder="街道、门牌或附近的标志" clearable />
      </Field>

      <SimilarHint countyId={countyId} content={content} townshipId={townshipId} category={category} villageId={villageId || null} place={place} />

      <PhotoPicker items={photos.items} onAdd={photos.add} onRemove={(k) => { photos.remove(k); clearError('photoTokens'); }}
        onRetry={(k) => { photos.retry(k); clearError('photoTokens'); }}
        keepLocation={keepLocation} onKeepLocation={setKeepLocation} error={errors.photoTokens} />

      <fieldset className="xs-field xs-contact">
        <legend className="xs-label">联系方式<span className="xs-optional">（可不填）</span></legend>
        <p className="xs-hint">留下电话，工作人员有不清楚的地方可以问您；不留也可以，凭查询码就能查进度。</p>
        <Field htmlFor={ids.name} name="contactName" label="怎么称呼您" optional error={errors.contactName}>
          <Input id={ids.name} value={contactName} onChange={(v) => { setContactName(v); clearError('contactName'); }}
            maxLength={LIMITS.nameMax} autoComplete="name" placeholder="例如：王先生" clearable />
        </Field>
        <Field htmlFor={ids.phone} name="contactPhone" label="手机号" optional error={errors.contactPhone}>
          <Input id={ids.phone} type="tel" inputMode="numeric" autoComplete="tel" value={contactPhone}
            onChange={(v) => { setContactPhone(v.replace(/\D/g, '')); clearError('contactPhone'); }} maxLength={11} placeholder="11 位手机号" clearable />
        </Field>
        <div className={`xs-field xs-consent${errors.consent ? ' has-error' : ''}`} data-field="consent">
          <div className="xs-consent-text" id={`${ids.consent}-text`}>
            <p className="xs-consent-title">个人信息怎么用</p>
            <p>{form.consentText}</p>
          </div>
          <label className={`xs-check${consent ? ' is-checked' : ''}`} htmlFor={ids.consent}>
            <input id={ids.consent} type="checkbox" checked={consent} aria-describedby={`${ids.consent}-text`}
              onChange={(e) => { setConsent(e.target.checked); clearError('consent'); }} />
            <span>我已阅读并同意上面的说明{wantsContact && <span className="xs-required">（留了姓名或电话时必选）</span>}</span>
          </label>
          {errors.consent && <p className="xs-error" role="alert">{errors.consent}</p>}
        </div>
      </fieldset>

      {formError && <Notice tone="error" title="没有提交成功">{formError}</Notice>}
      <Button type="submit" block color="primary" size="large" className="xs-btn xs-submit" loading={submitting} loadingText="正在提交">
        提交
      </Button>
      <p className="xs-hint xs-center">提交后会马上给您一个查询码，用它查看办理进度。</p>
      <p className="xs-center"><Link to={h5('/track', countyId)}>已经反映过？查询进度</Link></p>
    </form>
  );
}
