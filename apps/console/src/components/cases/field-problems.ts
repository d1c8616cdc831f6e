import { ApiProblem } from '../../api/api-problem';

/*
 * The API names a refused field in two ways: a 400 lists `errors[].field` (`goods.0.quantity`),
 * and a case rule's 422 names one `field` beside its `detail` (`destinations.1.country` for
 * DUPLICATE_DESTINATION). A form shows both at the control.
 */

/** The field a rule violation (422) names, if any. */
export function ruleField(error: unknown): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const field = error.body['field'];
  return typeof field === 'string' ? field : undefined;
}

/** Everything the API said about any of `fields`, as one text; undefined when it said nothing. */
export function problemAt(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const messages = fields.flatMap((field) => error.messagesFor(field));
  const rule = ruleField(error);
  if (rule !== undefined && fields.includes(rule)) messages.push(error.detail);
  return messages.length > 0 ? messages.join('; ') : undefined;
}
