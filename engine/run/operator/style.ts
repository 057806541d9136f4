/** Terminal styling that disappears when colour is off (not a TTY, `NO_COLOR`, `--no-color`). */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  inverse: [7, 27],
} as const;

export type StyleName = keyof typeof CODES;
export type Style = Record<StyleName, (text: string) => string> & { enabled: boolean };

export function createStyle(enabled: boolean): Style {
  const style = { enabled } as Style;
  for (const [name, [open, close]] of Object.entries(CODES)) {
    style[name as StyleName] = enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
  }
  return style;
}
