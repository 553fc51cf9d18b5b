import {
  darken,
  defaultVariantColorsResolver,
  luminance,
  type MantineTheme,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/** WCAG 2 contrast ratio of two colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/*
 * Mantine's palettes are not built for WCAG AA: white on red.6, blue.6 text on a light tint and
 * orange.9 on white all fall below 4.5:1, and `subtle` caps the shade at 6 whatever is asked.
 * So the shades are chosen by measuring instead of by number.
 */
const TEXT_ON_WHITE = 5.2; // leaves 4.5:1 on the 10 % tints that light variants use as background
const WHITE_ON_FILL = 4.6;

function firstShadeMeeting(theme: MantineTheme, name: string, from: number, ratio: number): string {
  const shades = theme.colors[name] ?? [];
  for (let shade = from; shade < shades.length; shade++) {
    const value = shades[shade];
    if (value && contrastRatio(value, '#ffffff') >= ratio) return value;
  }
  let value = shades[shades.length - 1] ?? '#000000';
  for (let step = 0; step < 10 && contrastRatio(value, '#ffffff') < ratio; step++) value = darken(value, 0.1);
  return value;
}

/** Text (and outline) colour of a palette colour that reads on white and on its own light tint. */
export function inkOf(theme: MantineTheme, name: string): string {
  return firstShadeMeeting(theme, name, 7, TEXT_ON_WHITE);
}

/** Background of a palette colour that carries white text; never lighter than the shade asked for. */
export function fillOf(theme: MantineTheme, name: string, shade = 8): string {
  return firstShadeMeeting(theme, name, shade, WHITE_ON_FILL);
}

export const accessibleVariantColors: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color, theme: input.theme });
  if (!parsed.isThemeColor || !input.theme.colors[parsed.color]) return base;
  const name = parsed.color;
  const ink = inkOf(input.theme, name);
  switch (input.variant) {
    case 'filled': {
      if (input.autoContrast) return base; // dark text on a light fill, measured by Mantine
      const fill = fillOf(input.theme, name, parsed.shade ?? 8);
      return { ...base, background: fill, hover: darken(fill, 0.1), color: '#ffffff' };
    }
    case 'light':
      return { ...base, color: ink, hoverColor: ink };
    case 'outline':
      return { ...base, color: ink, border: `1px solid ${ink}` };
    case 'subtle':
    case 'transparent':
      return { ...base, color: ink, hoverColor: ink };
    default:
      return base;
  }
};
