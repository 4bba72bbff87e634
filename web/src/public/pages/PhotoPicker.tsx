import { useId, useState, type ChangeEvent } from 'react';
import { ProgressBar } from 'antd-mobile';
import { LIMITS } from '../labels.ts';
import { Toggle } from '../ui/Toggle.tsx';
import type { PhotoItem } from './photos.ts';

interface Props {
  items: PhotoItem[];
  onAdd: (files: File[]) => number;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  keepLocation: boolean;
  onKeepLocation: (v: boolean) => void;
  error?: string;
}

function statusText(i: PhotoItem): string {
  switch (i.status) {
    case 'queued': return '等待上传';
    case 'uploading': return `上传中 ${i.progress}%`;
    case 'done': return '✓ 已上传';
    case 'error': return '✕ 上传失败';
  }
}

/** Up to 6 photos, each uploaded on its own with a progress bar, a delete and a retry button. */
export function PhotoPicker({ items, onAdd, onRemove, onRetry, keepLocation, onKeepLocation, error }: Props) {
  const id = useId();
  const [note, setNote] = useState<string | null>(null);
  const full = items.length >= LIMITS.photos;

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (!files.length) return;
    const left = onAdd(files);
    setNote(left > 0 ? `最多 ${LIMITS.photos} 张，有 ${left} 张没有加上` : null);
  };

  return (
    <fieldset className={`xs-field xs-photos${error ? ' has-error' : ''}`} data-field="photoTokens">
      <legend className="xs-label">现场照片<span className="xs-optional">（可不填，最多 {LIMITS.photos} 张）</span></legend>
      <p className="xs-hint">拍下现场，工作人员看得更清楚。</p>
      <Toggle label="保留照片位置信息" checked={keepLocation} onChange={onKeepLocation}
        hint={keepLocation ? '照片里的拍摄地点会一起提交，便于找到现场' : '默认去掉照片里的拍摄地点，保护您的隐私'} />
      {items.length > 0 && (
        <ul className="xs-photo-grid" aria-label="已选照片">
          {items.map((p, n) => (
            <li key={p.key} className={`xs-photo is-${p.status}`}>
              <img src={p.preview} alt={`第 ${n + 1} 张照片`} />
              <div className="xs-photo-status" aria-live="polite">
                <span>{statusText(p)}</span>
                {(p.status === 'uploading' || p.status === 'queued') && (
                  <ProgressBar percent={p.progress} aria-hidden="true" />
                )}
                {p.status === 'error' && p.error && <span className="xs-photo-error">{p.error}</span>}
              </div>
              <div className="xs-photo-actions">
                {p.status === 'error' && p.file.size <= LIMITS.photoBytes && (
                  <button type="button" className="xs-small-btn" onClick={() => onRetry(p.key)}>
                    重试<span className="xs-visually-hidden">上传第 {n + 1} 张照片</span>
                  </button>
                )}
                <button type="button" className="xs-small-btn is-danger" onClick={() => onRemove(p.key)}>
                  删除<span className="xs-visually-hidden">第 {n + 1} 张照片</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <label className="xs-add-photo" htmlFor={id}>
          <span aria-hidden="true" className="xs-add-photo-plus">＋</span>
          <span>{items.length ? '再加照片' : '添加照片'}</span>
          <input id={id} type="file" accept="image/*" multiple className="xs-overlay-input" onChange={choose} />
        </label>
      )}
      {note && <p className="xs-hint" role="status">{note}</p>}
      {error && <p className="xs-error" role="alert">{error}</p>}
    </fieldset>
  );
}
