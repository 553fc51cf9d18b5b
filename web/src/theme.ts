import { Badge, type CSSVariablesResolver, createTheme, Tooltip } from '@mantine/core';
import { accessibleVariantColors } from './lib/contrast';

/** Variant colours, dimmed and error text chosen so text and controls meet WCAG AA contrast on white. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  variantColorResolver: accessibleVariantColors,
  respectReducedMotion: true,
  components: {
    // A status is short and must be read whole: a table column may not squeeze it to "Not …".
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
    // A tooltip shows at once: fading in, it is pale text on a pale background for a moment.
    Tooltip: Tooltip.extend({ defaultProps: { transitionProps: { duration: 0 } } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    '--mantine-color-error': t.colors.red[9] ?? '#c92a2a',
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1] ?? '#b8b8b8' },
});
