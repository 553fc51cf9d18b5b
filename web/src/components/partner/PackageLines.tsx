import { Button, Fieldset, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The most lines one package takes, and the largest quantity of one line (as the API accepts them). */
export const MAX_LINES = 100;
const MAX_QUANTITY = 1_000_000;
const MAX_PRODUCT = 200;

/** One product line as typed: `key` keeps React's identity of a line when another one is removed. */
export interface LineDraft {
  key: number;
  product: string;
  quantity: number | string;
}

export type LineErrors = Record<number, { product?: string; quantity?: string }>;

let nextKey = 0;
export const emptyLine = (): LineDraft => ({ key: nextKey++, product: '', quantity: 1 });

/** What is wrong with each line, by its key: a product must be named, and a quantity be a whole number in range. */
export function lineErrors(lines: readonly LineDraft[], t: TFunction): LineErrors {
  const errors: LineErrors = {};
  for (const line of lines) {
    const product = line.product.trim();
    const quantity = typeof line.quantity === 'number' ? line.quantity : Number.NaN;
    const e = {
      product: !product
        ? t('bcAgreements.partner.lines.productRequired')
        : product.length > MAX_PRODUCT
          ? t('bcAgreements.partner.lines.productTooLong', { max: MAX_PRODUCT })
          : undefined,
      quantity:
        Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY
          ? undefined
          : t('bcAgreements.partner.lines.quantityRange', { max: MAX_QUANTITY }),
    };
    if (e.product || e.quantity) errors[line.key] = e;
  }
  return errors;
}

/** The lines as the API takes them (call once `lineErrors` finds nothing wrong). */
export const toTermsLines = (lines: readonly LineDraft[]) =>
  lines.map((l) => ({ product: l.product.trim(), quantity: Number(l.quantity) }));

/**
 * R-BC-2: the product lines of a sales package, each a product and a quantity, up to MAX_LINES. Each
 * line is its own group named by its number, so its fields and its remove button say which line
 * they belong to.
 */
export function PackageLines({
  lines,
  errors,
  onChange,
}: {
  lines: readonly LineDraft[];
  errors: LineErrors;
  onChange: (lines: LineDraft[]) => void;
}) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <Stack gap="xs" role="group" aria-labelledby="package-lines">
      <Text fw={500} id="package-lines">
        {t('bcAgreements.partner.lines.title')}
      </Text>
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bcAgreements.partner.lines.none')}
        </Text>
      )}
      {lines.map((line, i) => (
        <Fieldset key={line.key} legend={t('bcAgreements.partner.lines.line', { n: i + 1 })} data-line={i + 1} variant="filled" p="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('bcAgreements.partner.product')}
              withAsterisk
              flex="1 1 12rem"
              miw={0}
              value={line.product}
              error={errors[line.key]?.product}
              onChange={(e) => update(line.key, { product: e.currentTarget.value })}
            />
            <NumberInput
              label={t('bcAgreements.partner.quantity')}
              withAsterisk
              w="8rem"
              min={1}
              max={MAX_QUANTITY}
              allowDecimal={false}
              allowNegative={false}
              value={line.quantity}
              error={errors[line.key]?.quantity}
              onChange={(quantity) => update(line.key, { quantity })}
            />
            <Button
              variant="subtle"
              color="red"
              mt={{ base: 0, sm: 'lg' }}
              aria-label={t('bcAgreements.partner.lines.removeOf', { n: i + 1 })}
              onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
            >
              {t('bcAgreements.partner.lines.remove')}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Button variant="light" w="fit-content" disabled={lines.length >= MAX_LINES} onClick={() => onChange([...lines, emptyLine()])}>
        {t('bcAgreements.partner.lines.add')}
      </Button>
      {lines.length >= MAX_LINES && (
        <Text size="sm" c="dimmed">
          {t('bcAgreements.partner.lines.max', { max: MAX_LINES })}
        </Text>
      )}
    </Stack>
  );
}
