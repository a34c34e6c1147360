/**
 * Limits every input (HTTP body, query, socket payload) must meet before validation looks at it. Validation and
 * the code behind it walk objects recursively: JSON nested thousands deep overflowed the stack there, and
 * PostgreSQL refuses text with NUL characters. One iterative walk checks both, so no input of any shape reaches them.
 */
export interface InputLimits {
  maxDepth: number;
  maxNodes: number;
}

export const INPUT_LIMITS: InputLimits = { maxDepth: 32, maxNodes: 100_000 };

/** Null when the input is within the limits; otherwise what is wrong with it (for a 400 / bad_request). */
export function inputShapeProblem(input: unknown, limits: InputLimits = INPUT_LIMITS): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: input, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (++nodes > limits.maxNodes) return `input has more than ${limits.maxNodes} values`;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return `${path || 'input'}: NUL characters are not allowed`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth) return `input is nested deeper than ${limits.maxDepth} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'input: NUL characters are not allowed in names';
      stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
  return null;
}
