import { Badge, Button, type CSSVariablesResolver, createTheme, type PasswordInputProps, Tooltip } from '@mantine/core';
import i18next from 'i18next';
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
    // A label longer than a narrow screen wraps onto a second line instead of being cut off (WCAG 1.4.10);
    // a one-line button keeps Mantine's height.
    Button: Button.extend({
      styles: {
        root: {
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          height: 'auto',
          minHeight: 'var(--button-height)',
          paddingBlock: 4,
        },
        label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center', lineHeight: 1.25 },
      },
    }),
    // A tooltip shows at once: fading in, it is pale text on a pale background for a moment.
    Tooltip: Tooltip.extend({ defaultProps: { transitionProps: { duration: 0 } } }),
    // Mantine names the show/hide button in English; every password field names it in the page's
    // language instead. A function, so it is read at each render (after a language switch too);
    // the button's aria-pressed says whether the password is shown.
    PasswordInput: {
      defaultProps: (): Partial<PasswordInputProps> => ({
        visibilityToggleButtonProps: { 'aria-label': i18next.t('account.showPassword') },
      }),
    },
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
