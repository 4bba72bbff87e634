/**
 * Codes the citizen chose to keep on this phone (only when they press “保存在本机”), so an elderly
 * user need not copy the code and password by hand. Nothing personal is stored: code and password only.
 */
const KEY = 'xs.h5.saved';

export interface SavedCode {
  code: string;
  secret: string;
  savedAt: string;
}

export function loadSaved(): SavedCode[] {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is SavedCode => typeof x === 'object' && x !== null
      && typeof (x as SavedCode).code === 'string' && typeof (x as SavedCode).secret === 'string');
  } catch {
    return [];
  }
}

function store(list: SavedCode[]): boolean {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, 20)));
    return true;
  } catch {
    return false;
  }
}

export function saveCode(code: string, secret: string): boolean {
  const rest = loadSaved().filter((s) => s.code !== code);
  return store([{ code, secret, savedAt: new Date().toISOString() }, ...rest]);
}

export function forgetCode(code: string): void {
  store(loadSaved().filter((s) => s.code !== code));
}

/** The last county used, offered first on the county picker. */
const COUNTY_KEY = 'xs.h5.county';
export function rememberCounty(id: number): void {
  try {
    window.localStorage.setItem(COUNTY_KEY, String(id));
  } catch {
    // ignore
  }
}
export function lastCounty(): number | null {
  try {
    const n = Number(window.localStorage.getItem(COUNTY_KEY));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}
