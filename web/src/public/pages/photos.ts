/**
 * The photo queue of the report form: photos go to the upload endpoint one at a time, each with its own
 * progress; the form only sends the tokens. Changing “保留照片位置信息” uploads the photos again with the
 * new choice, so what the citizen sees switched on is what the server got.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, uploadPhoto } from '../api.ts';
import { LIMITS } from '../labels.ts';

export interface PhotoItem {
  key: string;
  file: File;
  preview: string;
  keepLocation: boolean;
  status: 'queued' | 'uploading' | 'done' | 'error';
  progress: number;
  token?: string;
  error?: string;
}

let seq = 0;
const ACCEPTED = /^image\/(jpeg|png|webp)$/;

export function usePhotoUploads(countyId: number, keepLocation: boolean) {
  const [items, setItems] = useState<PhotoItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const started = useRef(new Set<string>());

  const patch = useCallback((key: string, p: Partial<PhotoItem>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));
  }, []);

  // One upload at a time, in the order chosen.
  useEffect(() => {
    if (items.some((i) => i.status === 'uploading')) return;
    const next = items.find((i) => i.status === 'queued' && !started.current.has(`${i.key}:${i.keepLocation}`));
    if (!next) return;
    const runKey = `${next.key}:${next.keepLocation}`;
    started.current.add(runKey);
    const ctrl = new AbortController();
    controllers.current.set(next.key, ctrl);
    patch(next.key, { status: 'uploading', progress: 0, error: undefined });
    uploadPhoto(countyId, next.file, next.keepLocation, (progress) => patch(next.key, { progress }), ctrl.signal)
      .then((r) => patch(next.key, { status: 'done', progress: 100, token: r.token }))
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        patch(next.key, { status: 'error', error: errorMessage(err) });
      })
      .finally(() => {
        started.current.delete(runKey);
        if (controllers.current.get(next.key) === ctrl) controllers.current.delete(next.key);
      });
  }, [items, countyId, patch]);

  // The location choice changed: upload again every photo sent with the other choice.
  useEffect(() => {
    setItems((list) => {
      if (list.every((i) => i.keepLocation === keepLocation)) return list;
      return list.map((i) => {
        if (i.keepLocation === keepLocation) return i;
        controllers.current.get(i.key)?.abort();
        const tooBig = i.status === 'error' && !i.token && i.file.size > LIMITS.photoBytes;
        return tooBig ? { ...i, keepLocation } : { ...i, keepLocation, status: 'queued', progress: 0, token: undefined, error: undefined };
      });
    });
  }, [keepLocation]);

  // Leaving the page: stop uploads, free the previews.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(() => () => {
    for (const c of controllers.current.values()) c.abort();
    for (const i of itemsRef.current) URL.revokeObjectURL(i.preview);
  }, []);

  /** Add chosen files; returns how many were left out because of the limit of 6. */
  const add = useCallback((files: File[]): number => {
    const room = Math.max(0, LIMITS.photos - itemsRef.current.length);
    const taken = files.slice(0, room);
    const fresh: PhotoItem[] = taken.map((file) => {
      const base = { key: `p${++seq}`, file, preview: URL.createObjectURL(file), keepLocation, progress: 0 };
      if (file.type && !file.type.startsWith('image/')) return { ...base, status: 'error', error: '只能上传照片（jpg、png、webp）' };
      if (file.size > LIMITS.photoBytes) return { ...base, status: 'error', error: '这张照片超过 8 MB，请换一张或截图后上传' };
      if (file.type && !ACCEPTED.test(file.type) && !/heic|heif/i.test(file.type)) {
        return { ...base, status: 'error', error: '只能上传 jpg、png、webp 格式的照片' };
      }
      return { ...base, status: 'queued' };
    });
    setItems((list) => [...list, ...fresh]);
    return files.length - taken.length;
  }, [keepLocation]);

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((list) => {
      const gone = list.find((i) => i.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return list.filter((i) => i.key !== key);
    });
  }, []);

  const retry = useCallback((key: string) => patch(key, { status: 'queued', progress: 0, error: undefined }), [patch]);

  const clear = useCallback(() => {
    for (const c of controllers.current.values()) c.abort();
    setItems((list) => {
      for (const i of list) URL.revokeObjectURL(i.preview);
      return [];
    });
  }, []);

  return { items, add, remove, retry, clear };
}
