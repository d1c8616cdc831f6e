import { EmptyBodyPipe } from './empty-body.pipe';
import { RequestValidationError } from './request-validation';

describe('a route that takes no body', () => {
  const pipe = new EmptyBodyPipe();

  it('accepts no body and an empty object', () => {
    expect(pipe.transform(undefined)).toBeUndefined();
    expect(pipe.transform({})).toBeUndefined();
  });

  it('names every field it was sent', () => {
    let refused: unknown;
    try {
      pipe.transform({ reason: 'x', note: 1 });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RequestValidationError);
    expect((refused as RequestValidationError).errors).toEqual([
      { field: 'reason', messages: ['property reason should not exist'] },
      { field: 'note', messages: ['property note should not exist'] },
    ]);
  });

  it('refuses a list or a scalar as the body', () => {
    expect(() => pipe.transform([])).toThrow(RequestValidationError);
    expect(() => pipe.transform('text')).toThrow(RequestValidationError);
  });
});
