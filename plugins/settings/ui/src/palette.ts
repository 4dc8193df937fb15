// The colours the dashboard derives from a primary colour, and their WCAG 2
// contrast. The shell applies the same rule (core/web/src/branding.ts); a tab
// shares no code with the shell, so the preview computes it here, and the
// browser test checks the two against each other (the shell's computed
// colours after a save).

export type Rgb = [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** "#rgb" or "#rrggbb" (the setting's pattern), else null. */
export function parseHex(color: unknown): Rgb | null {
  const match = typeof color === 'string' ? /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim()) : null;
  if (!match) return null;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

export const toHex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mix = (from: Rgb, to: Rgb, amount: number) => from.map((v, i) => v + (to[i] - v) * amount) as Rgb;

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

export interface Palette {
  primary: string;
  /** Text on the primary colour: black or white, whichever reads better. */
  onPrimary: '#fff' | '#000';
  /** Its contrast on the primary colour. */
  textContrast: number;
  /** The primary colour against the white page. */
  pageContrast: number;
  /** Links, hover and focus: the primary darkened until it reads on white (4.5:1). */
  strong: string;
  /** Selected rows and soft badges. */
  soft: string;
}

export function palette(primary: Rgb): Palette {
  let strong = primary;
  while (contrast(strong, WHITE) < 4.5) strong = mix(strong, BLACK, 0.05);
  const onWhite = contrast(primary, WHITE);
  const onBlack = contrast(primary, BLACK);
  return {
    primary: toHex(primary),
    onPrimary: onWhite >= onBlack ? '#fff' : '#000',
    textContrast: Math.max(onWhite, onBlack),
    pageContrast: onWhite,
    strong: toHex(strong),
    soft: toHex(mix(primary, WHITE, 0.85)),
  };
}

/** The custom properties the shell sets from a palette (docs/plugin-ui.md, "Branding"). */
export function brandingProperties(p: Palette): Record<string, string> {
  return {
    '--tabhost-primary': p.primary,
    '--tabhost-on-primary': p.onPrimary,
    '--tabhost-primary-strong': p.strong,
    '--tabhost-primary-soft': p.soft,
    '--tabhost-focus': p.strong,
  };
}
