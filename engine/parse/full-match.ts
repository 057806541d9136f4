/** Params match their pattern as a whole value (shared by lint and by `play`, which must not load the parser). */
export function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(value);
}
