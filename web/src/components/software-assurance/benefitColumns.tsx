import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Benefit } from '../../api/software-assurance';
import type { Column } from '../licensing/DataTable';
import { BenefitQuantity, BenefitStatusBadge, CoverageEnd } from './BenefitCells';

/**
 * The columns of a Licensing ID's benefit table (R-SA-2), the same for the customer and the
 * publisher: the caller says what its status cell adds, whether usage is shown, and its action.
 */
export function benefitColumns(
  t: TFunction,
  { status, withUsed, action }: { status?: (b: Benefit) => ReactNode; withUsed: boolean; action: (b: Benefit) => ReactNode },
): Column<Benefit>[] {
  const quantity = (key: 'eligible' | 'used' | 'remaining', of: (b: Benefit) => number | null): Column<Benefit> => ({
    key,
    header: t(`softwareAssurance.columns.${key}`),
    numeric: true,
    cell: (b) => <BenefitQuantity benefit={b} quantity={of(b)} />,
    sort: (b) => of(b) ?? -1,
  });
  return [
    {
      key: 'benefit',
      header: t('softwareAssurance.columns.benefit'),
      rowHeader: true,
      cell: (b) => t(`softwareAssurance.benefits.${b.benefit}`),
      sort: (b) => t(`softwareAssurance.benefits.${b.benefit}`),
    },
    {
      key: 'status',
      header: t('softwareAssurance.columns.status'),
      cell: status ?? ((b) => <BenefitStatusBadge status={b.status} />),
      sort: (b) => b.status,
    },
    quantity('eligible', (b) => b.eligibleQuantity),
    ...(withUsed ? [quantity('used', (b) => b.usedQuantity)] : []),
    quantity('remaining', (b) => b.quantityRemaining),
    {
      key: 'coverageEnds',
      header: t('softwareAssurance.columns.coverageEnds'),
      cell: (b) => <CoverageEnd benefit={b} />,
      sort: (b) => b.expiresOn ?? '',
    },
    { key: 'action', header: t('softwareAssurance.columns.action'), cell: action },
  ];
}
