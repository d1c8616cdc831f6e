import { useRef, useState } from 'react';
import type { CommandResult } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import type { CaseAction } from './case-actions';

/** The case a form acts on, at the revision the official saw, and what to do once it is recorded. */
export interface CommandTarget {
  readonly caseId: string;
  readonly revision: number;
  readonly onDone: (action: CaseAction, result: CommandResult) => void;
}

export interface Command {
  readonly busy: boolean;
  readonly error: unknown;
  readonly submit: (path: string, body?: unknown) => Promise<void>;
}

/**
 * Sends one case command with the revision shown (If-Match) and an idempotency key. The key
 * belongs to one submission: a retry of the same body at the same revision reuses it, so a
 * double click or a lost answer records one decision; a corrected form is a new submission.
 */
export function useCaseCommand(target: CommandTarget, action: CaseAction): Command {
  const { api } = useSession();
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const attempt = useRef<{ request: string; key: string } | undefined>(undefined);
  const submit = async (path: string, body?: unknown) => {
    const request = JSON.stringify([path, target.revision, body ?? null]);
    if (attempt.current?.request !== request) attempt.current = { request, key: crypto.randomUUID() };
    setState({ busy: true });
    try {
      const result = await api.post<CommandResult>(
        `/api/licences/${encodeURIComponent(target.caseId)}/${path}`,
        body,
        { revision: target.revision, idempotencyKey: attempt.current.key },
      );
      attempt.current = undefined;
      setState({ busy: false });
      target.onDone(action, result);
    } catch (error: unknown) {
      setState({ busy: false, error });
    }
  };
  return { busy: state.busy, error: state.error, submit };
}
