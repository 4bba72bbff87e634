import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type FieldError } from '@xs/core/errors.ts';
import { WorkflowError } from '@xs/core/workflow.ts';

/** The one error type use-cases throw; its code decides the HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在`);
export const forbidden = (message = '没有权限执行此操作') => new AppError('forbidden', message);
export const invalid = (fields: FieldError[], message = '输入有误，请检查标出的项') =>
  new AppError('validation_failed', message, fields);

const WORKFLOW_CODES: Record<WorkflowError['code'], ErrorCode> = {
  unknown_transition: 'bad_request',
  invalid_state: 'invalid_state',
  // A closed gate is a conflict with the case as it stands (children not done yet), like a wrong state.
  gate: 'invalid_state',
  forbidden: 'forbidden',
  requirements: 'validation_failed',
};

const SECTION_LABEL: Record<string, string> = { body: '', querystring: '', params: '', headers: '' };

function pathOf(instancePath: string | undefined, section: string | undefined): string {
  const p = (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  return p || SECTION_LABEL[section ?? ''] || section || '';
}

/** One handler for every error: Chinese messages, every field issue, no 5xx detail leaks. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | WorkflowError | Error, req, reply) => {
    let status = 500;
    let body: ErrorBody;
    if (err instanceof AppError) {
      status = err.status;
      body = { error: err.code, message: err.message, fields: err.fields };
    } else if (err instanceof WorkflowError) {
      const code = WORKFLOW_CODES[err.code];
      status = ERROR_STATUS[code];
      body = { error: code, message: err.message, fields: err.fields };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const fields = err.validation.map((v) => ({
        path: pathOf(v.instancePath, err.validationContext),
        message: String(v.message ?? '格式不正确'),
      }));
      body = { error: 'validation_failed', message: '输入有误，请检查标出的项', fields };
    } else {
      const fe = err as FastifyError;
      const code = fe.statusCode ?? 500;
      if (code === 413) {
        status = 413;
        body = { error: 'payload_too_large', message: '提交的内容太大' };
      } else if (code === 415) {
        status = 415;
        body = { error: 'unsupported_media_type', message: '不支持的内容类型' };
      } else if (code === 429) {
        status = 429;
        body = { error: 'rate_limited', message: '操作太频繁，请稍后再试' };
      } else if (code >= 400 && code < 500) {
        status = code;
        body = { error: 'bad_request', message: fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fe.message) ? '请求内容不是有效的 JSON' : '请求格式不正确' };
      } else {
        req.log.error({ err }, 'unhandled error');
        body = { error: 'internal', message: '服务器内部错误，请稍后再试' };
      }
    }
    if (!body.fields || body.fields.length === 0) delete body.fields;
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((_req, reply) => {
    reply.status(404).send({ error: 'not_found', message: '页面或接口不存在' } satisfies ErrorBody);
  });
}
