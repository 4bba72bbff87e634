import type { FormInstance } from 'antd';
import { isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';

/**
 * A failed change of a user in one of its modals. When someone else changed the user first, the
 * form's version is stale and nothing in it can be fixed, so the modal closes with the server's
 * explanation; other problems go under their fields.
 */
export function handleUserChangeError<V>(err: unknown, form: FormInstance<V>, message: { error: (content: string) => unknown }, close: () => void): void {
  if (isApiError(err) && err.error === 'stale_version') {
    message.error(err.message);
    close();
    return;
  }
  applyServerErrors(form, err, message);
}
