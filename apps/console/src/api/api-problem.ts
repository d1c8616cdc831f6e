/** One refused field, as the API lists it in a problem's `errors`. */
export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * An API refusal (RFC 9457 problem details with the API's stable `code`). The API is the only
 * judge of input: the console shows these, per field where the API names one.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiProblem';
  }

  /**
   * The messages for one field (`destination`, `goods.0.quantity`), empty when it has none. The
   * API names refused fields two ways: a 400 lists them in `errors`, and a case rule's 422 names
   * one `field` beside its `detail` (`destinations.1.country` for DUPLICATE_DESTINATION).
   */
  messagesFor(field: string): readonly string[] {
    const listed = this.errors.filter((e) => e.field === field).flatMap((e) => e.messages);
    return this.body['field'] === field ? [...listed, this.detail] : listed;
  }

  /** The messages of the fields no form control shows, so that none is lost. */
  messagesOutside(shown: readonly string[]): readonly FieldProblem[] {
    return this.errors.filter((e) => !shown.includes(e.field));
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { field, messages } = value as Record<string, unknown>;
  return typeof field === 'string' && Array.isArray(messages) && messages.every((m) => typeof m === 'string');
}

/** The problem in an answer that is not 2xx; an answer that is no problem+json still gets one. */
export async function problemOf(response: Response): Promise<ApiProblem> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): the status speaks for it.
  }
  const text_ = (key: string, fallback: string) => (typeof body[key] === 'string' ? body[key] : fallback);
  const errors = Array.isArray(body['errors']) ? body['errors'].filter(isFieldProblem) : [];
  const title = text_('title', response.statusText || `HTTP ${response.status}`);
  return new ApiProblem(
    response.status,
    text_('code', `HTTP_${response.status}`),
    title,
    text_('detail', title),
    errors,
    body,
  );
}
