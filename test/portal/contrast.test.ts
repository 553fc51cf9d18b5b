import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessibleVariantColors, contrastRatio } from '../../web/src/lib/contrast.js';

// The portal keeps Mantine's palette and replaces how variants pick from it.
const theme = DEFAULT_THEME;
const names = Object.keys(theme.colors).filter((n) => n !== 'dark');
// The lightest background a light variant paints: 12 % of shade 6 over white (its hover state).
function tint(name: string): string {
  const hex = theme.colors[name]?.[6] ?? '#000000';
  const mix = (i: number) => Math.round(255 * 0.88 + Number.parseInt(hex.slice(i, i + 2), 16) * 0.12);
  return `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`;
}

describe('portal colours meet WCAG AA (R-SUP-3 screens pass axe)', () => {
  for (const name of names) {
    for (const color of [name, `${name}.4`, `${name}.6`, `${name}.9`]) {
      it(`${color}: filled white text, outline/subtle text on white, light text on its tint ≥ 4.5:1`, () => {
        const filled = accessibleVariantColors({ color, theme, variant: 'filled' });
        expect(contrastRatio(filled.background, '#ffffff')).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(filled.hover, '#ffffff')).toBeGreaterThanOrEqual(4.5);
        for (const variant of ['outline', 'subtle', 'transparent']) {
          const { color: ink } = accessibleVariantColors({ color, theme, variant });
          expect(contrastRatio(ink, '#ffffff'), variant).toBeGreaterThanOrEqual(4.5);
        }
        const light = accessibleVariantColors({ color, theme, variant: 'light' });
        expect(contrastRatio(light.color, tint(name))).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('leaves colours that are not in the palette alone', () => {
    expect(accessibleVariantColors({ color: '#123456', theme, variant: 'outline' }).color).toBe('#123456');
  });
});
