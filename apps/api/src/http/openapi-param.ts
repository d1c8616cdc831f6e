/**
 * Applies a method-level OpenAPI decorator (ApiParam, ApiHeader) from a parameter decorator, so
 * that a route documents a parameter or header wherever it reads it, and nowhere else.
 */
export function documentingMethod(decorate: MethodDecorator): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) decorate(target, key, descriptor);
  };
}

/** Several parameter decorators as one. */
export function allOf(...decorators: ParameterDecorator[]): ParameterDecorator {
  return (target, key, index) => {
    for (const decorate of decorators) decorate(target, key, index);
  };
}
