// What the dashboard will make of a primary colour, for the preview: the
// kit's brandColors (the shell applies the same) and the contrasts the
// warning is about.
import { brandColors, contrastRatio } from '../../../../sdk/ui/tabhost-ui.js';

export interface Palette {
  primary: string;
  /** Text on the primary colour: black or white, whichever reads better. */
  onPrimary: string;
  /** Its contrast on the primary colour. */
  textContrast: number;
  /** The primary colour against the white page. */
  pageContrast: number;
  /** Links, hover and focus: the primary darkened until it reads on white (4.5:1). */
  strong: string;
  /** The custom properties the shell would set (docs/plugin-ui.md, "Branding"). */
  properties: Readonly<Record<string, string>>;
}

/** Null when `colour` is no "#rgb" or "#rrggbb" (it may be anything typed). */
export function palette(colour: unknown): Palette | null {
  const properties = typeof colour === 'string' ? brandColors(colour) : null;
  if (!properties) return null;
  const primary = properties['--tabhost-primary'];
  const onPrimary = properties['--tabhost-on-primary'];
  return {
    primary,
    onPrimary,
    textContrast: contrastRatio(primary, onPrimary),
    pageContrast: contrastRatio(primary, '#fff'),
    strong: properties['--tabhost-primary-strong'],
    properties,
  };
}
