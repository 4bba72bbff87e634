/**
 * The intake thread (see clues.intake.ts): its own SQLite connection, its own group commit, the same
 * submitClue as everywhere else. One message in, one answer out, after the commit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { submitClue } from './clues.citizen.ts';
import type { IntakeReply, IntakeRequest, IntakeThreadConfig } from './clues.intake.ts';
import { defineSettings } from '../../platform/settings.ts';
import { CLUE_SETTINGS } from './clues.settings.ts';

// The app registers every module's settings from the manifests; this thread runs only clue code, so it
// registers the clue module's own (importing every module would slow the thread's start several-fold).
defineSettings(CLUE_SETTINGS);

const port = parentPort!;
const db = await createDb((workerData as { data: IntakeThreadConfig }).data as Config);

port.on('message', (msg: IntakeRequest | 'close') => {
  if (msg === 'close') {
    void db.destroy().finally(() => port.close());
    return;
  }
  submitClue(db, msg.tenantId, msg.input, { ip: msg.ip, now: new Date(msg.now), textTokens: msg.textTokens }).then(
    (value) => port.postMessage({ id: msg.id, ok: true, value } satisfies IntakeReply),
    (err: unknown) => port.postMessage({
      id: msg.id,
      ok: false,
      error: err instanceof AppError
        ? { app: true, code: err.code, message: err.message, fields: err.fields }
        : { app: false, message: err instanceof Error ? err.message : String(err) },
    } satisfies IntakeReply),
  );
});
